// 调取视频 on the hub's 云踏勘 page: each verdict's cell shows where its full video stands (请求已发出, 已送达,
// 上传中 n%, 已收到 with 播放, or 本地已不保存); supervisors and county admins get 调取完整视频. The video plays here,
// for signed-in staff only (the file route checks the session).
(function () {
  'use strict';
  var timer = null;

  function mayRequest() {
    var me = Hub.me();
    return me && (me.user.role === 'county-admin' || me.user.role === 'supervisor');
  }

  function state(v) {
    switch (v.state) {
      case 'requested': return '<span class="badge warn">请求已发出</span>';
      case 'delivered': return '<span class="badge">已送达</span>';
      case 'uploading': return '<span class="badge">上传中 ' + Hub.esc(v.percent) + '%</span>';
      case 'received': return '<span class="badge ok">已收到</span> <button type="button" class="secondary ev-play" data-request="' + Hub.esc(v.requestId) + '">播放</button>';
      case 'gone': return '<span class="badge bad">本地已不保存</span>';
      default: return Hub.esc(v.state);
    }
  }

  function render() {
    Hub.api('/api/videos').then(function (data) {
      var latest = {};
      data.videos.forEach(function (v) { var k = v.boxId + '/' + v.inspectionId; if (!latest[k]) { latest[k] = v; } });
      var moving = false;
      document.querySelectorAll('td.slot-video').forEach(function (td) {
        var v = latest[td.getAttribute('data-box-id') + '/' + td.getAttribute('data-inspection-id')];
        if (v && v.state !== 'received' && v.state !== 'gone') { moving = true; }
        td.innerHTML = v
          ? state(v) + '<span class="ev-line">' + Hub.esc(v.requestedBy || '') + ' ' + Hub.esc(Hub.time(v.requestedAt)) + '</span>' +
            (v.state === 'gone' && mayRequest() ? '<button type="button" class="secondary ev-request">再次调取</button>' : '')
          : (mayRequest() ? '<button type="button" class="secondary ev-request">调取完整视频</button>' : '—');
      });
      clearTimeout(timer);
      if (moving) { timer = setTimeout(render, 3000); }
    }, function (error) { document.getElementById('inspections-message').textContent = error.message; });
  }

  function play(requestId) {
    var holder = document.getElementById('inspection-detail');
    holder.innerHTML = '<div class="detail ev-player"><h2>完整视频</h2><video controls preload="metadata" src="/api/videos/' +
      encodeURIComponent(requestId) + '/file"></video></div>';
    holder.scrollIntoView({ behavior: 'smooth' });
  }

  document.addEventListener('hub:inspections-rendered', render);
  document.querySelector('#inspections-table tbody').addEventListener('click', function (e) {
    var playButton = e.target.closest('button.ev-play');
    if (playButton) { play(playButton.getAttribute('data-request')); return; }
    var button = e.target.closest('button.ev-request');
    if (!button) { return; }
    var td = button.closest('td');
    button.disabled = true;
    Hub.api('/api/inspections/' + encodeURIComponent(td.getAttribute('data-box-id')) + '/' + encodeURIComponent(td.getAttribute('data-inspection-id')) + '/video', { method: 'POST' })
      .then(render, function (error) { button.disabled = false; document.getElementById('inspections-message').textContent = error.message; });
  });
})();
