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

