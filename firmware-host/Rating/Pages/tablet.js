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
      if (error && /^device-not-(enrolled|allowed)$/.test(error.code)) {
        // Revoked or replaced since the page opened: the box now answers the page with its 本设备未登记 screen.
        location.reload();
      } else if (answer.status >= 200 && answer.status < 300 && !error) {
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

