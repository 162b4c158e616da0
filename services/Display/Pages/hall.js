(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);
  var timeZone = params.get('tz') || 'Asia/Shanghai';
  var categoryNames = {};
  var lastBoard = null;

  // ---- clock -------------------------------------------------------------
  var clockFormat;
  try {
    clockFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  } catch (e) {
    clockFormat = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  }
  function tick() { $('clock').textContent = clockFormat.format(new Date()); }
  tick();
  setInterval(tick, 1000);

  // ---- words -------------------------------------------------------------
  function counterLabel(counter, name) {
    if (/^\d+$/.test(counter || '')) { return String(parseInt(counter, 10)) + '号窗口'; }
    var label = name || counter || '';
    return /窗口$/.test(label) ? label : label + '窗口';
  }
  function categoryLabel(prefix) {
    return categoryNames[prefix] ? prefix + ' ' + categoryNames[prefix] : prefix + '类';
  }

  // ---- rendering ---------------------------------------------------------
  function showCurrent(ticketNo, counter, counterName, recall, announcement) {
    var current = $('current');
    $('current-ticket').textContent = ticketNo || '—';
    $('current-counter').textContent = ticketNo ? counterLabel(counter, counterName) : '—';
    $('current-announcement').textContent = announcement || '';
    current.classList.toggle('recall', !!recall);
  }
  function flash() {
    var current = $('current');
    current.classList.remove('flash');
    void current.offsetWidth; // restart the animation
    current.classList.add('flash');
  }
  function renderBoard(board) {
    lastBoard = board;
    var calls = board.recentCalls || [];
    var list = $('recent-calls');
    list.textContent = '';
    if (!calls.length) {
      var empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = '暂无呼叫';
      list.appendChild(empty);
    }
    calls.forEach(function (call) {
      var item = document.createElement('li');
      item.setAttribute('data-testid', 'recent-call');
      item.setAttribute('data-ticket', call.ticketNo);
      var ticket = document.createElement('span');
      ticket.className = 'ticket';
      ticket.textContent = call.ticketNo;
      var counter = document.createElement('span');
      counter.className = 'counter';
      counter.textContent = counterLabel(call.counter, call.counterName);
      item.appendChild(ticket);
      item.appendChild(counter);
      list.appendChild(item);
    });
    if (calls.length) {
      var top = calls[0];
      // The board confirms the call just shown, or (page opened later) stands in for it.
      var same = $('current-ticket').textContent === top.ticketNo;
      var words = '请' + top.ticketNo + '号到' + counterLabel(top.counter, top.counterName) + '办理';
      showCurrent(top.ticketNo, top.counter, top.counterName, top.recall, same && $('current-announcement').textContent ? $('current-announcement').textContent : words);
    }
    renderWaiting(board.waiting || {});
  }
  function renderWaiting(waiting) {
    var box = $('waiting');
    box.textContent = '';
    var prefixes = Object.keys(waiting).sort();
    if (!prefixes.length) {
      var empty = document.createElement('span');
      empty.className = 'empty';
      empty.textContent = '暂无等候';
      box.appendChild(empty);
      return;
    }
    prefixes.forEach(function (prefix) {
      var card = document.createElement('div');
      card.className = 'category';
      card.setAttribute('data-testid', 'waiting-' + prefix);
      var count = document.createElement('span');
      count.className = 'count';
      count.textContent = String(waiting[prefix]);
      card.appendChild(document.createTextNode(categoryLabel(prefix) + ' 等候'));
      card.appendChild(count);
      card.appendChild(document.createTextNode('人'));
      box.appendChild(card);
    });
  }

  // ---- audio: one clip at a time, in order, never cut off -----------------
  var player = $('player');
  var queue = [];
  var playing = false;
  var audioOn = false;
  function silentWav() {
    var samples = 800, bytes = new Uint8Array(44 + samples * 2), view = new DataView(bytes.buffer);
    var text = function (offset, s) { for (var i = 0; i < s.length; i++) { bytes[offset + i] = s.charCodeAt(i); } };
    text(0, 'RIFF'); view.setUint32(4, 36 + samples * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, 8000, true); view.setUint32(28, 16000, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
    text(36, 'data'); view.setUint32(40, samples * 2, true);
    var binary = ''; for (var j = 0; j < bytes.length; j++) { binary += String.fromCharCode(bytes[j]); }
    return 'data:audio/wav;base64,' + btoa(binary);
  }
  function tryUnlock(fromGesture) {
    player.src = silentWav();
    var attempt = player.play();
    var done = function () { audioOn = true; $('audio-unlock').style.display = 'none'; playNext(); };
    var blocked = function () { audioOn = false; $('audio-unlock').style.display = 'block'; };
    if (attempt && attempt.then) { attempt.then(done, fromGesture ? done : blocked); } else { done(); }
  }
  function enqueue(url) {
    if (!url || !audioOn) { return; }
    queue.push(url);
    // A long backlog is stale by the time it would play.
    while (queue.length > 10) { queue.shift(); }
    playNext();
  }
  function playNext() {
    if (playing || !audioOn || !queue.length) { return; }
    playing = true;
    player.src = queue.shift();
    var attempt = player.play();
    if (attempt && attempt.catch) { attempt.catch(finished); }
  }
  function finished() {
    if (!playing) { return; }
    playing = false;
    setTimeout(playNext, 400);
  }
  player.addEventListener('ended', finished);
  player.addEventListener('error', finished);
  $('audio-unlock').addEventListener('click', function () { tryUnlock(true); });
  tryUnlock(false);

  // ---- live feed ---------------------------------------------------------
  function onMessage(event) {
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    var topic = message.topic || '', payload = message.payload;
    if (!payload) { return; }
    if (/\/display\/board$/.test(topic)) {
      renderBoard(payload);
    } else if (/\/display\/call$/.test(topic)) {
      showCurrent(payload.ticketNo, payload.counter, payload.counterName, payload.recall, payload.announcement);
      flash();
      enqueue(payload.audioUrl);
    }
  }
  var source = null;
  function connect() {
    if (source) { source.close(); }
    source = new EventSource('/live?topics=display/');
    source.onopen = function () { document.body.classList.remove('offline'); };
    source.onmessage = onMessage;
    source.onerror = function () {
      document.body.classList.add('offline');
      // EventSource retries by itself unless the server answered with an error; then retry here.
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 3000); }
    };
  }
  function loadCategories() {
    fetch('/api/categories', { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) {
        (list || []).forEach(function (c) { if (c && c.prefix) { categoryNames[c.prefix] = c.name || ''; } });
        if (lastBoard) { renderWaiting(lastBoard.waiting || {}); }
      })
      .catch(function () { /* names are a nicety; prefixes are shown meanwhile */ });
  }
  loadCategories();
  setInterval(loadCategories, 5 * 60 * 1000);
  connect();
})();

