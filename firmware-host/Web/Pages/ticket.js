(function () {
  'use strict';
  var no = decodeURIComponent(location.pathname.split('/').pop());
  var key = new URLSearchParams(location.search).get('k') || '';
  document.getElementById('ticket-no').textContent = no;
  // The same key opens the rating page (好差评) for this ticket; it works once.
  document.getElementById('rate').href = '/rate/' + encodeURIComponent(no) + '?k=' + encodeURIComponent(key);
  function show(t) {
    var state = document.getElementById('state'), detail = document.getElementById('detail');
    document.body.classList.toggle('called', t.status === 'called');
    if (t.status === 'called') {
      state.textContent = '请到 ' + (t.counterName || (t.counter + '号窗口')) + ' 办理';
      detail.textContent = '';
    } else if (t.status === 'waiting') {
      state.textContent = '前面还有 ' + t.waitingAhead + ' 人';
      detail.textContent = '预计等待约 ' + t.estimatedWaitMinutes + ' 分钟,叫号时请留意大厅屏幕和广播';
    } else if (t.status === 'done') {
      state.textContent = '已叫号';
      detail.textContent = '如错过叫号,请到导办台咨询';
    } else {
      state.textContent = (t.error && t.error.message) || '查询失败';
    }
  }
  function refresh() {
    fetch('/api/tickets/' + encodeURIComponent(no) + '?k=' + encodeURIComponent(key), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(show)
      .catch(function () { document.getElementById('detail').textContent = '网络不稳定,正在重试…'; });
  }
  refresh();
  setInterval(refresh, 5000);
})();

