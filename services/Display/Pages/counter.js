(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var segments = location.pathname.split('/').filter(function (s) { return s.length > 0; });
  var counter = decodeURIComponent(segments[segments.length - 1] || '');
  var categoryNames = {};
  var lastState = null;
  var reasons = { 'break': '休息', rest: '休息', lunch: '午休', meeting: '开会', training: '培训', business: '外出办事', other: '其他' };

  function counterLabel(id, name) {
    if (/^\d+$/.test(id || '')) { return String(parseInt(id, 10)) + '号窗口'; }
    var label = name || id || '';
    return /窗口$/.test(label) ? label : label + '窗口';
  }
  $('counter-name').textContent = counterLabel(counter, null);
  document.title = counterLabel(counter, null);

  function render(state) {
    lastState = state;
    var status = state.status || 'closed';
    document.body.setAttribute('data-status', status);
    $('counter-name').textContent = counterLabel(state.counter || counter, state.counterName);
    document.title = $('counter-name').textContent;
    var ticket = state.ticketNo || '';
    $('counter-ticket').textContent = ticket || '—';
    $('pause-reason').textContent = '';
    if (status === 'open') {
      $('counter-status').textContent = '服务中';
      $('ticket-label').textContent = ticket ? '正在办理' : '';
      $('counter-message').textContent = ticket ? '' : '请等候叫号';
    } else if (status === 'paused') {
      $('counter-status').textContent = '暂停服务';
      $('ticket-label').textContent = ticket ? '正在办理' : '';
      $('counter-message').textContent = '本窗口暂停服务，请稍候';
      var reason = state.pauseReason ? (reasons[state.pauseReason] || state.pauseReason) : '';
      $('pause-reason').textContent = reason ? '原因：' + reason : '';
    } else {
      $('counter-status').textContent = '暂停办理';
      $('ticket-label').textContent = '';
      $('counter-ticket').textContent = '';
      $('counter-message').textContent = '本窗口暂不办理业务，请到其他窗口';
    }
    var staff = state.staffName || state.staffId || '';
    $('counter-staff').textContent = staff && status !== 'closed' ? '工作人员：' + staff : '';
    renderCategories();
  }
  function renderCategories() {
    var list = (lastState && lastState.categories) || [];
    $('counter-categories').textContent = list.length
      ? '办理：' + list.map(function (p) { return categoryNames[p] ? p + ' ' + categoryNames[p] : p + '类'; }).join('、')
      : '';
  }
  function flash() {
    document.body.classList.remove('flash');
    void document.body.offsetWidth;
    document.body.classList.add('flash');
  }

  var stateTopic = new RegExp('/counter/' + counter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '/state$');
  function onMessage(event) {
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    var topic = message.topic || '', payload = message.payload;
    if (stateTopic.test(topic)) {
      if (payload) { render(payload); }
    } else if (/\/display\/call$/.test(topic) && payload && payload.counter === counter) {
      $('counter-ticket').textContent = payload.ticketNo;
      flash();
    }
  }
  var source = null;
  function connect() {
    if (source) { source.close(); }
    var topics = 'counter/' + counter + '/state,display/call';
    source = new EventSource('/live?topics=' + encodeURIComponent(topics));
    source.onopen = function () {
      document.body.classList.remove('offline');
      setTimeout(function () {
        if (!lastState) { $('counter-status').textContent = '未开放'; $('counter-message').textContent = '本窗口暂无服务信息'; }
      }, 3000);
    };
    source.onmessage = onMessage;
    source.onerror = function () {
      document.body.classList.add('offline');
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 3000); }
    };
  }
  fetch('/api/categories', { cache: 'no-store' })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (list) {
      (list || []).forEach(function (c) { if (c && c.prefix) { categoryNames[c.prefix] = c.name || ''; } });
      renderCategories();
    })
    .catch(function () { });
  connect();
})();

