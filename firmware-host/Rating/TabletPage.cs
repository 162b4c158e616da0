namespace Hall.FirmwareHost.Rating;

/// <summary>
/// The counter's tablet page for 好差评 (<c>/evaluate/{counter}</c>), for halls without the evaluator device.
/// Dark until the box asks for a rating on <c>counter/{c}/evaluate</c> (live feed), then the ticket, the staff
/// member, five levels and reasons for 不满意 / 非常不满意; dark again after the rating or when the window closes.
/// </summary>
/// <remarks>
/// The window is timed from the message's own <c>until − ts</c>, so a tablet with a wrong clock still closes on time.
/// Element ids for tests: <c>counter</c>, <c>rate-ticket</c>, <c>rate-staff</c>, <c>rate-item</c>, <c>countdown</c>,
/// <c>level-1</c> … <c>level-5</c>, <c>reason-box</c>, <c>reasons</c> (buttons <c>data-code</c>), <c>comment</c>,
/// <c>submit</c>, <c>form-error</c>, <c>result</c>; <c>data-state</c> on <c>&lt;body&gt;</c> is <c>dark</c>,
/// <c>asking</c>, <c>sending</c>, <c>thanked</c> or <c>failed</c>.
/// </remarks>
public static class TabletPage
{
    public const string Html = $$"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>服务评价</title>
          <style>
            * { box-sizing: border-box; }
            html, body { height: 100%; }
            body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f3f6fa; color: #1b2b41; }
            #idle { display: none; height: 100%; background: #0b1626; color: #51647f; text-align: center; padding-top: 35vh; font-size: 1.6em; }
            #idle small { display: block; font-size: .6em; margin-top: 1em; }
            body[data-state="dark"] #idle { display: block; }
            body[data-state="dark"] #panel { display: none; }
            body.offline #idle small::after { content: " · 连接中断，正在重新连接…"; }
            header { background: #0f2a4d; color: #fff; padding: 1em 1.5em; display: flex; align-items: baseline; gap: 1.2em; flex-wrap: wrap; }
            header h1 { font-size: 1.5em; margin: 0; flex: 1 1 auto; }
            #rate-ticket { font-size: 2em; font-weight: 700; color: #ffd166; }
            #rate-staff, #rate-item { font-size: 1.2em; color: #c8d6ea; }
            #countdown { font-size: 1.1em; color: #c8d6ea; }
            main { max-width: 60em; margin: 0 auto; padding: 1.2em; }
            #levels { display: grid; grid-template-columns: repeat(5, 1fr); gap: .8em; }
            @media (max-width: 700px) { #levels { grid-template-columns: 1fr; } }
            .level { font: inherit; font-size: 1.5em; font-weight: 700; padding: 1.3em .3em; border: 4px solid transparent; border-radius: .6em; color: #fff; cursor: pointer; }
            .level[data-level="5"] { background: #1e8e4e; }
            .level[data-level="4"] { background: #49a86b; }
            .level[data-level="3"] { background: #c9a227; }
            .level[data-level="2"] { background: #e07b29; }
            .level[data-level="1"] { background: #c8392b; }
            .level[aria-pressed="true"] { border-color: #0f2a4d; box-shadow: 0 0 0 4px #fff inset; }
            #reason-box { margin-top: 1.2em; background: #fff; border-radius: .6em; padding: 1em; }
            #reason-box p { margin: 0 0 .6em; font-weight: 700; font-size: 1.2em; }
            #reasons { display: flex; flex-wrap: wrap; gap: .6em; }
            .reason { font: inherit; font-size: 1.2em; padding: .6em 1em; border: 2px solid #9fb2cc; border-radius: 2em; background: #fff; color: #1b2b41; cursor: pointer; }
            .reason[aria-pressed="true"] { background: #0f2a4d; border-color: #0f2a4d; color: #fff; }
            #comment { width: 100%; margin-top: .8em; font: inherit; font-size: 1.1em; padding: .6em; border: 1px solid #9fb2cc; border-radius: .4em; min-height: 3.5em; }
            #submit { display: block; width: 100%; margin-top: 1.2em; font: inherit; font-size: 1.6em; padding: .8em; border: 0; border-radius: .6em; background: #0f2a4d; color: #fff; }
            #submit:disabled { background: #9fb2cc; }
            #form-error { color: #c8392b; text-align: center; min-height: 1.5em; font-size: 1.2em; }
            #result { display: none; text-align: center; font-size: 2.4em; font-weight: 700; margin: 2em 0; }
            body[data-state="thanked"] #form, body[data-state="failed"] #form { display: none; }
            body[data-state="thanked"] #result, body[data-state="failed"] #result { display: block; }
            body[data-state="failed"] #result { color: #c8392b; font-size: 1.8em; }
          </style>
        </head>
        <body data-state="dark">
          <div id="idle">窗口 <span id="counter"></span><small>办理结束后请在此评价</small></div>
          <div id="panel">
            <header>
              <h1>请为本次服务评价</h1>
              <span id="rate-ticket"></span>
              <span id="rate-staff"></span>
              <span id="rate-item"></span>
              <span id="countdown"></span>
            </header>
            <main>
              <div id="form">
                {{RatingForm.Choices}}
              </div>
              <div id="result" role="status"></div>
            </main>
          </div>
          <script>
          (function () {
            'use strict';
            var counter = decodeURIComponent(location.pathname.split('/').pop());
            var RESULT_MS = 5000;
            var current = null;      // { ticketNo, deadline (this tablet's ms clock) }
            var ratedTicket = null;  // one rating per service: a repeat of its message does not light the page again
            var level = 0, chosen = {}, reqId = null, state = 'dark', darkTimer = null, tick = null;
            function $(id) { return document.getElementById(id); }
            $('counter').textContent = counter;

            function setState(s) { state = s; document.body.setAttribute('data-state', s); }
            function newId() {
              return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 10);
            }
            function needsReasons() { return level === 1 || level === 2; }
            function canSubmit() {
              return state === 'asking' && level > 0 && (!needsReasons() || Object.keys(chosen).some(function (c) { return chosen[c]; }));
            }
            function refresh() {
              $('reason-box').hidden = !needsReasons();
              $('submit').disabled = !canSubmit();
              $('submit').textContent = state === 'sending' ? '正在提交…' : '提交评价';
            }
            function resetForm() {
              level = 0; chosen = {}; reqId = null;
              $('comment').value = '';
              $('form-error').textContent = '';
              Array.prototype.forEach.call(document.querySelectorAll('.level, .reason'), function (b) { b.setAttribute('aria-pressed', 'false'); });
              refresh();
            }
            function clearTimers() {
              if (darkTimer) { clearTimeout(darkTimer); darkTimer = null; }
              if (tick) { clearInterval(tick); tick = null; }
            }
            function goDark() {
              clearTimers();
              current = null;
              setState('dark');
              resetForm();
            }
            function showCountdown() {
              if (!current) { return; }
              var left = Math.ceil((current.deadline - Date.now()) / 1000);
              if (left <= 0) {
                if (state === 'asking') { goDark(); }
                return;
              }
              $('countdown').textContent = '剩余 ' + left + ' 秒';
            }

            function light(m) {
              // Timed by the message's own until − ts: the tablet's clock need not agree with the box's.
              var span = Date.parse(m.until) - Date.parse(m.ts);
              if (!(span > 0) || m.ticketNo === ratedTicket) { return; }
              if (current && current.ticketNo === m.ticketNo && state !== 'dark') {
                current.deadline = Date.now() + span;
                return;
              }
              clearTimers();
              current = { ticketNo: m.ticketNo, deadline: Date.now() + span };
              resetForm();
              $('rate-ticket').textContent = m.ticketNo;
              $('rate-staff').textContent = m.staffName ? '工作人员:' + m.staffName : '';
              $('rate-item').textContent = m.serviceItemName || '';
              setState('asking');
              refresh();
              showCountdown();
              tick = setInterval(showCountdown, 1000);
            }
            function onEvaluate(m) {
              if (!m || m.counter !== counter || !m.ticketNo) { return; }
              if (m.active === false) {
                // Only an unanswered ask goes dark: after a rating the result stays for its moment.
                if (state === 'asking' && current && current.ticketNo === m.ticketNo) { goDark(); }
                return;
              }
              light(m);
            }

            Array.prototype.forEach.call(document.querySelectorAll('.level'), function (button) {
              button.addEventListener('click', function () {
                if (state !== 'asking') { return; }
                level = parseInt(button.getAttribute('data-level'), 10);
                Array.prototype.forEach.call(document.querySelectorAll('.level'), function (b) { b.setAttribute('aria-pressed', b === button ? 'true' : 'false'); });
                $('form-error').textContent = '';
                refresh();
              });
            });
            function showReasons(list) {
              var box = $('reasons');
              box.textContent = '';
              (list || []).forEach(function (r) {
                if (!r || !r.code) { return; }
                var b = document.createElement('button');
                b.type = 'button'; b.className = 'reason'; b.textContent = r.text || r.code;
                b.setAttribute('data-code', r.code); b.setAttribute('aria-pressed', 'false');
                b.addEventListener('click', function () {
                  if (state !== 'asking') { return; }
                  chosen[r.code] = !chosen[r.code];
                  b.setAttribute('aria-pressed', chosen[r.code] ? 'true' : 'false');
                  refresh();
                });
                box.appendChild(b);
              });
            }

            function result(s, text) {
              clearTimers();
              setState(s);
              $('result').textContent = text;
              darkTimer = setTimeout(goDark, RESULT_MS);
            }
            $('submit').addEventListener('click', function () {
              if (!canSubmit()) { return; }
              // The same id on a retry after a lost answer: the box counts it once.
              reqId = reqId || newId();
              var ticketNo = current.ticketNo;
              setState('sending');
              $('form-error').textContent = '';
              refresh();
              var body = {
                requestId: reqId,
                ticketNo: ticketNo,
                level: level,
                reasons: needsReasons() ? Object.keys(chosen).filter(function (c) { return chosen[c]; }) : [],
                comment: needsReasons() ? $('comment').value.trim() : ''
              };
              fetch('/api/evaluate/' + encodeURIComponent(counter), {
                method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store'
              }).then(function (r) {
                return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
              }).then(function (answer) {
                var error = answer.data && answer.data.error;
                if (answer.status >= 200 && answer.status < 300 && !error) {
                  ratedTicket = ticketNo;
                  result('thanked', '感谢您的评价');
                } else if (answer.status >= 500 || (error && error.code === 'store-unavailable')) {
                  setState('asking');
                  $('form-error').textContent = '暂时无法提交,请再点一次提交';
                  refresh();
                } else {
                  ratedTicket = ticketNo;
                  result('failed', (error && error.code === 'already-rated') ? '该服务已评价' : ((error && error.message) || '评价未能提交'));
                }
              }).catch(function () {
                setState('asking');
                $('form-error').textContent = '网络不稳定,请再点一次提交';
                refresh();
              });
            });

            // The evaluate message is not retained: ask the box for the open window on every (re)connect.
            function loadPending() {
              fetch('/api/evaluate/' + encodeURIComponent(counter), { cache: 'no-store' })
                .then(function (r) { return r.status === 200 ? r.json() : null; })
                .then(function (m) { if (m) { onEvaluate(m); } })
                .catch(function () { });
            }
            var topic = new RegExp('/counter/' + counter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '/evaluate$');
            var source = null;
            function connect() {
              if (source) { source.close(); }
              source = new EventSource('/live?topics=' + encodeURIComponent('counter/' + counter + '/evaluate'));
              source.onopen = function () { document.body.classList.remove('offline'); loadPending(); };
              source.onmessage = function (event) {
                var message;
                try { message = JSON.parse(event.data); } catch (e) { return; }
                if (topic.test(message.topic || '')) { onEvaluate(message.payload); }
              };
              source.onerror = function () {
                document.body.classList.add('offline');
                if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 3000); }
              };
            }
            fetch('/api/rating/reasons', { cache: 'no-store' })
              .then(function (r) { return r.ok ? r.json() : []; })
              .then(showReasons)
              .catch(function () { });
            connect();
          })();
          </script>
        </body>
        </html>
        """;
}
