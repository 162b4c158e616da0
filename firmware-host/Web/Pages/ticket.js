(function () {
  'use strict';
  var no = decodeURIComponent(location.pathname.split('/').pop());
  var key = new URLSearchParams(location.search).get('k') || '';
  document.getElementById('ticket-no').textContent = no;
  // The same key opens the rating page (好差评) for this ticket; it works once, and only while the rating is open.
  var rate = document.getElementById('rate');
  rate.href = '/rate/' + encodeURIComponent(no) + '?k=' + encodeURIComponent(key);
  var STATE = { waiting: '等候中', called: '已叫号', done: '已办结', skipped: '已过号', cancelled: '已取消' };
  function where(t) { return t.counterName || (t.counter ? t.counter + '号窗口' : ''); }
  function show(t) {
    var state = document.getElementById('state'), detail = document.getElementById('detail');
    document.body.dataset.status = t.status || 'error';
    document.body.classList.toggle('called', t.status === 'called');
    rate.hidden = !(t.status === 'done' && t.rating === 'open');
    if (t.status === 'waiting') {
      state.textContent = STATE.waiting + ' · 前面还有 ' + t.waitingAhead + ' 人';
      detail.textContent = '预计等待约 ' + t.estimatedWaitMinutes + ' 分钟,叫号时请留意大厅屏幕和广播';
    } else if (t.status === 'called') {
      state.textContent = STATE.called + ':请到 ' + where(t) + ' 办理';
      detail.textContent = '工作人员正在等您,请尽快前往';
    } else if (t.status === 'done') {
      state.textContent = STATE.done + (where(t) ? '(' + where(t) + ')' : '');
      detail.textContent = t.rating === 'open' ? '请为本次服务评价,您的意见会直接送到中心负责人'
        : t.rating === 'rated' ? '您已评价,谢谢!'
        : t.rating === 'closed' ? '本次服务的评价时间已过;如有意见请联系值班长'
        : '稍候即可评价本次服务';
    } else if (t.status === 'skipped') {
      state.textContent = STATE.skipped;
      detail.textContent = '叫号时您不在,此号已过号;如仍需办理,请到导办台咨询';
    } else if (t.status === 'cancelled') {
      state.textContent = STATE.cancelled;
      detail.textContent = '此号已取消或今日服务已结束;如需办理,请重新取号';
    } else {
      state.textContent = (t.error && t.error.message) || '查询失败';
      detail.textContent = '';
    }
  }
  function refresh() {
    fetch('/api/tickets/' + encodeURIComponent(no) + '?k=' + encodeURIComponent(key), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(show)
      .catch(function () { document.getElementById('detail').textContent = '网络不稳定,正在重试…'; });
  }
  refresh();
  // Follows the ticket: a change shows within a few seconds; the page is light enough to ask this often.
  setInterval(refresh, 3000);
})();
