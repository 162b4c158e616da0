namespace Hall.FirmwareHost.Rating;

/// <summary>
/// The phone page a ticket's QR code leads to for 好差评 (<c>/rate/{ticketNo}?k=…</c>): five big levels, reasons
/// for 不满意 / 非常不满意, one rating per service. In Chinese, no outside scripts or fonts.
/// </summary>
/// <remarks>
/// Element ids for tests: <c>ticket-no</c>, <c>level-1</c> … <c>level-5</c>, <c>reason-box</c>, <c>reasons</c>
/// (buttons <c>data-code</c>), <c>comment</c>, <c>submit</c>, <c>form-error</c>, <c>result</c>; <c>data-state</c> on
/// <c>&lt;body&gt;</c> is <c>form</c>, <c>sending</c>, <c>thanked</c> or <c>rated</c>.
/// </remarks>
public static class RatingPage
{
    public const string Expired = """
        <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>服务评价</title></head><body style="font-family:'Noto Sans CJK SC',sans-serif;padding:2em;text-align:center">
        <h2>无法评价这张号票</h2><p>评价二维码只在取号当天有效。如需帮助,请到导办台咨询。</p></body></html>
        """;

    public const string Html = $$"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>服务评价</title>
          <style>
            * { box-sizing: border-box; }
            body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f3f6fa; color: #1b2b41; }
            header { background: #0f2a4d; color: #fff; text-align: center; padding: 1.2em 1em; }
            header h1 { font-size: 1.4em; margin: 0 0 .3em; }
            #ticket-no { font-size: 2.2em; font-weight: 700; color: #ffd166; }
            main { max-width: 34em; margin: 0 auto; padding: 1em; }
            .hint { text-align: center; color: #4a5d78; margin: .5em 0 1em; }
            #levels { display: grid; gap: .7em; }
            .level { font: inherit; font-size: 1.5em; font-weight: 700; padding: .8em; border: 3px solid transparent; border-radius: .6em; color: #fff; cursor: pointer; }
            .level[data-level="5"] { background: #1e8e4e; }
            .level[data-level="4"] { background: #49a86b; }
            .level[data-level="3"] { background: #c9a227; }
            .level[data-level="2"] { background: #e07b29; }
            .level[data-level="1"] { background: #c8392b; }
            .level[aria-pressed="true"] { border-color: #0f2a4d; box-shadow: 0 0 0 3px #fff inset; }
            #reason-box { margin-top: 1.2em; background: #fff; border-radius: .6em; padding: 1em; }
            #reason-box p { margin: 0 0 .6em; font-weight: 700; }
            #reasons { display: flex; flex-wrap: wrap; gap: .5em; }
            .reason { font: inherit; font-size: 1.05em; padding: .6em .9em; border: 2px solid #9fb2cc; border-radius: 2em; background: #fff; color: #1b2b41; cursor: pointer; }
            .reason[aria-pressed="true"] { background: #0f2a4d; border-color: #0f2a4d; color: #fff; }
            #comment { width: 100%; margin-top: .8em; font: inherit; padding: .6em; border: 1px solid #9fb2cc; border-radius: .4em; min-height: 4.5em; }
            #submit { display: block; width: 100%; margin-top: 1.2em; font: inherit; font-size: 1.4em; padding: .8em; border: 0; border-radius: .6em; background: #0f2a4d; color: #fff; }
            #submit:disabled { background: #9fb2cc; }
            #form-error { color: #c8392b; text-align: center; min-height: 1.5em; font-size: 1.1em; }
            #result { display: none; text-align: center; font-size: 1.8em; font-weight: 700; margin: 2em 0; }
            #result small { display: block; font-size: .55em; font-weight: 400; color: #4a5d78; margin-top: .8em; }
            body[data-state="thanked"] #form, body[data-state="rated"] #form { display: none; }
            body[data-state="thanked"] #result, body[data-state="rated"] #result { display: block; }
          </style>
        </head>
        <body data-state="form">
          <header>
            <h1>请为本次服务评价</h1>
            <div id="ticket-no">—</div>
          </header>
          <main>
            <div id="form">
              <p class="hint">您的评价将帮助我们改进服务</p>
              {{RatingForm.Choices}}
            </div>
            <div id="result" role="status"></div>
          </main>
          <script>
          (function () {
            'use strict';
            var no = decodeURIComponent(location.pathname.split('/').pop());
            var key = new URLSearchParams(location.search).get('k') || '';
            var ratedKey = 'hall-rated-' + no, idKey = 'hall-rate-request-' + no;
            var level = 0, chosen = {}, sending = false;
            function $(id) { return document.getElementById(id); }
            $('ticket-no').textContent = no;

            function store(kind) { try { return window[kind]; } catch (e) { return null; } }
            function get(kind, name) { var s = store(kind); return s ? s.getItem(name) : null; }
            function put(kind, name, value) { var s = store(kind); if (s) { try { s.setItem(name, value); } catch (e) { } } }
            function newId() {
              return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 10);
            }
            // One id per attempt: a retry after a lost answer sends the same id, so it is never counted twice.
            function requestId() {
              var id = get('sessionStorage', idKey);
              if (!id) { id = newId(); put('sessionStorage', idKey, id); }
              return id;
            }
            function forgetRequestId() { var s = store('sessionStorage'); if (s) { s.removeItem(idKey); } }

            function finish(state, text, detail) {
              document.body.setAttribute('data-state', state);
              $('result').textContent = text;
              if (detail) { var small = document.createElement('small'); small.textContent = detail; $('result').appendChild(small); }
            }
            function needsReasons() { return level === 1 || level === 2; }
            function canSubmit() {
              return !sending && level > 0 && (!needsReasons() || Object.keys(chosen).some(function (c) { return chosen[c]; }));
            }
            function refresh() {
              $('reason-box').hidden = !needsReasons();
              $('submit').disabled = !canSubmit();
              $('submit').textContent = sending ? '正在提交…' : '提交评价';
            }

            Array.prototype.forEach.call(document.querySelectorAll('.level'), function (button) {
              button.addEventListener('click', function () {
                if (sending) { return; }
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
                  chosen[r.code] = !chosen[r.code];
                  b.setAttribute('aria-pressed', chosen[r.code] ? 'true' : 'false');
                  $('form-error').textContent = '';
                  refresh();
                });
                box.appendChild(b);
              });
            }

            $('submit').addEventListener('click', function () {
              if (!canSubmit()) { return; }
              sending = true;
              document.body.setAttribute('data-state', 'sending');
              $('form-error').textContent = '';
              refresh();
              var body = {
                requestId: requestId(),
                level: level,
                reasons: needsReasons() ? Object.keys(chosen).filter(function (c) { return chosen[c]; }) : [],
                comment: needsReasons() ? $('comment').value.trim() : ''
              };
              fetch('/api/rate/' + encodeURIComponent(no) + '?k=' + encodeURIComponent(key), {
                method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store'
              }).then(function (r) {
                return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
              }).then(function (answer) {
                sending = false;
                var error = answer.data && answer.data.error;
                if (answer.status >= 200 && answer.status < 300 && !error) {
                  put('localStorage', ratedKey, '1');
                  forgetRequestId();
                  finish('thanked', '感谢您的评价', answer.data.caseId ? '我们会尽快联系您并整改。' : '');
                  return;
                }
                if (error && error.code === 'already-rated') {
                  put('localStorage', ratedKey, '1');
                  finish('rated', '该服务已评价', '每次服务只能评价一次。');
                  return;
                }
                if (answer.status >= 500 || (error && error.code === 'store-unavailable')) {
                  // The answer may be lost: keep the same request id for the retry.
                  $('form-error').textContent = '暂时无法提交,请稍后重试';
                } else {
                  forgetRequestId();
                  $('form-error').textContent = (error && error.message) || '提交失败,请重试';
                }
                document.body.setAttribute('data-state', 'form');
                refresh();
              }).catch(function () {
                sending = false;
                document.body.setAttribute('data-state', 'form');
                $('form-error').textContent = '网络不稳定,请重试';
                refresh();
              });
            });

            if (get('localStorage', ratedKey)) {
              finish('rated', '该服务已评价', '每次服务只能评价一次。');
              return;
            }
            fetch('/api/rating/reasons', { cache: 'no-store' })
              .then(function (r) { return r.ok ? r.json() : []; })
              .then(showReasons)
              .catch(function () { $('form-error').textContent = '原因列表加载失败,请刷新页面'; });
            refresh();
          })();
          </script>
        </body>
        </html>
        """;
}
