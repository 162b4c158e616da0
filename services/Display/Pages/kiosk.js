(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var priority = '';
  var busy = false;
  var pending = null; // the request last sent, kept so "重试" after a lost answer reuses its requestId
  var backTimer = null;
  var categories = [];

  var priorityNames = { green: '绿色通道', assisted: '帮办代办', elderly: '老年人优先' };
  var clockOptions = { month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', hour12: false };
  var clockFormat;
  try {
    clockOptions.timeZone = new URLSearchParams(location.search).get('tz') || 'Asia/Shanghai';
    clockFormat = new Intl.DateTimeFormat('zh-CN', clockOptions);
  } catch (e) {
    delete clockOptions.timeZone;
    clockFormat = new Intl.DateTimeFormat('zh-CN', clockOptions);
  }
  function tick() { $('clock').textContent = clockFormat.format(new Date()); }
  tick();
  setInterval(tick, 15000);

  // crypto.randomUUID exists only on https or localhost; a kiosk on the hall LAN may be neither.
  function newRequestId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---- priorities --------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll('#priorities button'), function (button) {
    button.addEventListener('click', function () {
      priority = button.getAttribute('data-priority') || '';
      Array.prototype.forEach.call(document.querySelectorAll('#priorities button'), function (b) {
        b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
      });
    });
  });

  // ---- categories --------------------------------------------------------
  function renderCategories() {
    var box = $('categories');
    box.textContent = '';
    categories.forEach(function (c) {
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('data-testid', 'category-' + c.prefix);
      button.setAttribute('data-category', c.prefix);
      var name = document.createElement('span');
      name.className = 'name';
      var prefix = document.createElement('span');
      prefix.className = 'prefix';
      prefix.textContent = c.prefix;
      name.appendChild(prefix);
      name.appendChild(document.createTextNode(c.name || (c.prefix + '类')));
      var waiting = document.createElement('span');
      waiting.className = 'waiting';
      waiting.setAttribute('data-testid', 'category-waiting-' + c.prefix);
      waiting.textContent = '当前等候 ' + (c.waiting || 0) + ' 人';
      button.appendChild(name);
      button.appendChild(waiting);
      button.disabled = busy;
      button.addEventListener('click', function () { takeTicket(c); });
      box.appendChild(button);
    });
    $('categories-message').textContent = categories.length ? '' : '暂无可取号的业务，请咨询工作人员';
  }
  function loadCategories() {
    return fetch('/api/categories', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (list) {
        categories = (Array.isArray(list) ? list : []).filter(function (c) { return c && c.prefix; });
        renderCategories();
      })
      .catch(function () {
        if (!categories.length) { $('categories-message').textContent = '暂时无法获取业务类别，请稍后再试或咨询工作人员'; }
      });
  }

  // ---- taking a ticket ---------------------------------------------------
  function setBusy(value) {
    busy = value;
    $('busy').classList.toggle('show', value);
    Array.prototype.forEach.call(document.querySelectorAll('#categories button'), function (b) { b.disabled = value; });
  }
  function takeTicket(category) {
    if (busy) { return; }
    var request = { requestId: newRequestId(), ts: new Date().toISOString(), category: category.prefix };
    if (priority) { request.priority = priority; }
    send(request, category);
  }
  function send(request, category) {
    pending = { request: request, category: category };
    setBusy(true);
    fetch('/api/kiosk/ticket', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request)
    })
      .then(function (r) {
        return r.text().then(function (text) {
          var body = null;
          try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
          return { status: r.status, ok: r.ok, body: body };
        });
      })
      .then(function (answer) {
        setBusy(false);
        if (answer.ok && answer.body && answer.body.ticketNo) {
          pending = null;
          showTicket(answer.body, category);
        } else if (answer.body && answer.body.error && /^device-not-(enrolled|allowed)$/.test(answer.body.error.code)) {
          // Revoked or replaced since the page opened: the box now answers the page with its 本设备未登记 screen.
          location.reload();
        } else if (answer.body && answer.body.error) {
          // A refusal changes nothing; a new tap is a new request. Only a store hiccup is worth a retry.
          var retryable = answer.body.error.code === 'store-unavailable';
          if (!retryable) { pending = null; }
          showError(answer.body.error.message || '取号未成功，请咨询工作人员', answer.body.error.code, retryable);
        } else if (answer.status >= 500 || answer.status === 0) {
          showError('系统繁忙，请点击“重试”', 'HTTP ' + answer.status, true);
        } else {
          pending = null;
          showError('取号未成功，请咨询工作人员', 'HTTP ' + answer.status, false);
        }
      })
      .catch(function () {
        setBusy(false);
        // The ticket may have been issued and the answer lost: retry with the same requestId.
        showError('网络连接异常，请点击“重试”或咨询工作人员', 'network', true);
      });
  }
  function showTicket(reply, category) {
    $('ticket-no').textContent = reply.ticketNo;
    $('ticket-category').textContent = reply.categoryName || (category && category.name) || reply.category || '';
    $('ticket-priority').textContent = reply.priority ? (priorityNames[reply.priority] || reply.priority) : '';
    $('waiting-ahead').textContent = String(reply.waitingAhead);
    $('estimated-wait').textContent = String(reply.estimatedWaitMinutes);
    $('result').classList.add('show');
    autoBack(20000);
    loadCategories();
  }
  function showError(message, code, canRetry) {
    $('kiosk-error').textContent = message;
    $('kiosk-error-code').textContent = code ? '（' + code + '）' : '';
    $('failure-retry').style.display = canRetry && pending ? '' : 'none';
    $('failure').classList.add('show');
    autoBack(30000);
  }
  function home() {
    if (backTimer) { clearTimeout(backTimer); backTimer = null; }
    pending = null;
    // The next person starts from an ordinary ticket.
    priority = '';
    Array.prototype.forEach.call(document.querySelectorAll('#priorities button'), function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-priority') ? 'false' : 'true');
    });
    $('result').classList.remove('show');
    $('failure').classList.remove('show');
  }
  function autoBack(ms) {
    if (backTimer) { clearTimeout(backTimer); }
    backTimer = setTimeout(home, ms);
  }
  $('result-done').addEventListener('click', home);
  $('failure-back').addEventListener('click', home);
  $('failure-retry').addEventListener('click', function () {
    var retry = pending;
    $('failure').classList.remove('show');
    if (backTimer) { clearTimeout(backTimer); backTimer = null; }
    if (retry) { send(retry.request, retry.category); }
  });

  // ---- live waiting counts -----------------------------------------------
  function connect() {
    if (typeof EventSource === 'undefined') { return; }
    var source = new EventSource('/live?topics=display/board');
    source.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      var waiting = message.payload && message.payload.waiting;
      if (!waiting) { return; }
      categories.forEach(function (c) {
        if (Object.prototype.hasOwnProperty.call(waiting, c.prefix)) {
          c.waiting = waiting[c.prefix];
          var label = document.querySelector('[data-testid="category-waiting-' + c.prefix + '"]');
          if (label) { label.textContent = '当前等候 ' + c.waiting + ' 人'; }
        }
      });
    };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 5000); }
    };
  }

  loadCategories();
  setInterval(loadCategories, 60000);
  connect();
})();

