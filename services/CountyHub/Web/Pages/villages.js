// 村级代办点: the county → township → village figures of a month, and (county admin) a hall's village points.
(function () {
  'use strict';
  var esc = Hub.esc;
  var halls = [];

  function num(value) { return value === null || value === undefined ? '—' : String(value); }
  function percent(value) { return value === null || value === undefined ? '无评价' : value.toFixed(2) + '%'; }

  function row(kind, level, name, items, f, note, key) {
    return '<tr class="' + kind + '" data-key="' + esc(key) + '"><td class="level">' + esc(level) + '</td><td>' + esc(name) + (note ? ' <span class="badge warn">' + esc(note) + '</span>' : '') + '</td>' +
      '<td class="num">' + esc(items) + '</td><td class="num">' + f.issued + '</td><td class="num">' + f.served + '</td>' +
      '<td class="num">' + esc(num(f.averageWaitMinutes)) + '</td><td class="num">' + (f.rated || 0) + '</td>' +
      '<td class="num">' + esc(percent(f.satisfactionPercent)) + '</td><td class="num">' + f.badReviews + '</td><td class="num">' + f.openBadReviews + '</td></tr>';
  }

  function loadFigures() {
    var month = document.getElementById('v-month').value;
    var box = document.getElementById('v-box').value;
    var query = '?month=' + encodeURIComponent(month) + (box ? '&box=' + encodeURIComponent(box) : '');
    var message = document.getElementById('v-message');
    Hub.api('/api/villages' + query).then(function (data) {
      message.textContent = '';
      var html = [];
      if (data.county) { html.push(row('county', '县', '全县', '', data.county, '', 'county')); }
      data.halls.forEach(function (h) {
        html.push(row('hall', '乡镇', h.hallName, '', h.hall, '', h.boxId));
        html.push(row('own', '', '本中心', '', h.township, '', h.boxId + '/'));
        h.villages.forEach(function (v) {
          var note = !v.listed ? '未在县级登记' : (!v.active ? '已停用' : '');
          html.push(row('village' + (v.active ? '' : ' retired'), '村', v.name + '(' + v.villageId + ')', v.items.length ? v.items.length + ' 项' : '—', v.figures, note, h.boxId + '/' + v.villageId));
        });
        if (h.villages.length === 0) {
          html.push('<tr class="village"><td class="level">村</td><td colspan="9" class="muted">尚无代办点</td></tr>');
        }
      });
      document.querySelector('#v-levels tbody').innerHTML = html.join('') || '<tr><td colspan="10" class="empty">暂无便民服务中心</td></tr>';
    }, function (error) { message.textContent = error.message; });
  }

  function loadPoints() {
    var box = document.getElementById('m-box').value;
    if (!box) { return; }
    Hub.api('/api/halls/' + encodeURIComponent(box) + '/villages').then(function (data) {
      var rows = data.villages.map(function (v) {
        return '<tr><td>' + esc(v.villageId) + '</td><td>' + esc(v.name) + '</td><td class="items">' + esc(v.items.join('、') || '—') + '</td>' +
          '<td>' + (v.active ? '<span class="badge ok">在用</span>' : '<span class="badge">已停用</span>') + '</td>' +
          '<td>' + esc(Hub.time(v.updatedAt)) + '</td><td>' +
          '<button type="button" class="secondary" data-edit="' + esc(v.villageId) + '">修改</button> ' +
          (v.active ? '<button type="button" class="danger" data-retire="' + esc(v.villageId) + '">停用</button>' : '') + '</td></tr>';
      });
      var body = document.querySelector('#m-points tbody');
      body.innerHTML = rows.join('') || '<tr><td colspan="6" class="empty">该中心尚无代办点</td></tr>';
      data.villages.forEach(function (v) {
        var edit = body.querySelector('[data-edit="' + CSS.escape(v.villageId) + '"]');
        edit.addEventListener('click', function () {
          document.getElementById('m-id').value = v.villageId;
          document.getElementById('m-name').value = v.name;
          document.getElementById('m-items').value = v.items.join(',');
        });
        var retire = body.querySelector('[data-retire="' + CSS.escape(v.villageId) + '"]');
        if (retire) {
          retire.addEventListener('click', function () {
            if (!confirm('停用代办点“' + v.name + '”?停用后不再下发到边缘盒,已有数据保留。')) { return; }
            Hub.api('/api/halls/' + encodeURIComponent(box) + '/villages/' + encodeURIComponent(v.villageId), { method: 'DELETE' })
              .then(function () { say('已停用 ' + v.name, true); loadPoints(); loadFigures(); }, function (e) { say(e.message, false); });
          });
        }
      });
    }, function (error) { say(error.message, false); });
  }

  function say(text, ok) {
    var m = document.getElementById('m-message');
    m.textContent = text;
    m.className = 'message ' + (ok ? 'ok' : 'error');
  }

  function save(event) {
    event.preventDefault();
    var box = document.getElementById('m-box').value;
    var id = document.getElementById('m-id').value.trim();
    var items = document.getElementById('m-items').value.split(/[,,、\s]+/).filter(function (s) { return s; });
    Hub.api('/api/halls/' + encodeURIComponent(box) + '/villages/' + encodeURIComponent(id), {
      method: 'PUT', body: { name: document.getElementById('m-name').value, items: items }
    }).then(function (data) {
      say('已保存 ' + data.village.name, true);
      document.getElementById('m-form').reset();
      loadPoints();
      loadFigures();
    }, function (error) { say(error.message, false); });
  }

  Hub.start(function (me) {
    // The county's month now, and the 23 before it, as 2026年12月 (a month input would speak the browser's language).
    var month = document.getElementById('v-month');
    var parts = new Intl.DateTimeFormat('sv-SE', { timeZone: me.timeZone, year: 'numeric', month: '2-digit' }).format(new Date(me.now)).split('-');
    var year = parseInt(parts[0], 10);
    var m = parseInt(parts[1], 10);
    for (var i = 0; i < 24; i++) {
      var option = document.createElement('option');
      option.value = year + '-' + (m < 10 ? '0' : '') + m;
      option.textContent = year + '年' + m + '月';
      month.appendChild(option);
      m -= 1;
      if (m === 0) { m = 12; year -= 1; }
    }
    month.addEventListener('change', loadFigures);
    document.getElementById('v-refresh').addEventListener('click', loadFigures);
    Hub.api('/api/halls').then(function (data) {
      halls = data.halls;
      var select = document.getElementById('v-box');
      var manage = document.getElementById('m-box');
      if (me.user.boxId) { document.getElementById('v-box-label').hidden = true; }
      halls.forEach(function (h) {
        [select, manage].forEach(function (s) {
          var option = document.createElement('option');
          option.value = h.boxId;
          option.textContent = h.hallName;
          s.appendChild(option);
        });
      });
      select.addEventListener('change', loadFigures);
      loadFigures();
      if (me.user.role === 'county-admin') {
        document.getElementById('v-manage').hidden = false;
        manage.addEventListener('change', loadPoints);
        document.getElementById('m-form').addEventListener('submit', save);
        loadPoints();
      }
    });
  });
})();
