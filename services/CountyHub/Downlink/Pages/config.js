// 下发配置 (markup in config.html, API in Downlink/ConfigEndpoints.cs): shows every hall's running version, and edits
// the latest county configuration into a new version. The editor keeps the whole configuration in `draft`; what the
// tables do not show (per-hall village points, the inspection rules) goes back unchanged.
(function () {
  'use strict';
  var esc = Hub.esc;
  var state = { latest: null, halls: [], settings: [], draft: null };

  function hallName(boxId) {
    var hall = state.halls.filter(function (h) { return h.boxId === boxId; })[0];
    return hall && hall.hallName ? hall.hallName : boxId;
  }

  // A time of the server (UTC) on the hall's own clock.
  function hallTime(iso, zone) {
    if (!iso) { return '—'; }
    try {
      return new Intl.DateTimeFormat('zh-CN', {
        timeZone: zone || 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false
      }).format(new Date(iso));
    } catch (e) { return iso; }
  }

  function hallOptions(selected) {
    return state.halls.map(function (h) {
      return '<option value="' + esc(h.boxId) + '"' + (h.boxId === selected ? ' selected' : '') + '>' + esc(h.hallName || h.boxId) + '</option>';
    }).join('');
  }

  function settingOptions(selected) {
    return state.settings.map(function (s) {
      return '<option value="' + esc(s.key) + '"' + (s.key === selected ? ' selected' : '') + '>' + esc(s.name) + '</option>';
    }).join('');
  }

  var removeButton = '<td><button type="button" class="remove">删除</button></td>';

  // ---- the halls ----
  function renderHalls() {
    var latest = state.latest ? state.latest.version : 0;
    var rows = state.halls.map(function (h) {
      var status;
      if (h.refusedVersion && (!h.runningVersion || h.refusedVersion > h.runningVersion)) {
        status = '<span class="badge bad">拒收第 ' + esc(h.refusedVersion) + ' 版</span> ' + esc(h.refusedMessage || '');
      } else if (!h.runningVersion) {
        status = '<span class="badge warn">尚未启用县级配置</span>';
      } else if (h.runningVersion >= latest) {
        status = '<span class="badge ok">已是最新</span>';
      } else {
        status = '<span class="badge warn">待更新</span>';
      }
      var name = h.hallName ? esc(h.hallName) + ' <span class="muted">' + esc(h.boxId) + '</span>' : esc(h.boxId);
      return '<tr><td>' + name + '</td>' +
        '<td>' + (h.runningVersion ? '第 ' + esc(h.runningVersion) + ' 版' : '—') + '</td>' +
        '<td>' + esc(hallTime(h.appliedAt, h.timeZone)) + '</td><td>' + status + '</td>' +
        '<td>' + (h.lastContactAt ? esc(Hub.time(h.lastContactAt)) : '从未') + '</td></tr>';
    });
    document.querySelector('#cfg-halls tbody').innerHTML = rows.join('') || '<tr><td colspan="5" class="empty">尚未登记便民服务中心</td></tr>';
  }

  // ---- the editor: draft → tables ----
  function dayRow(d) {
    return '<tr><td><input type="date" data-f="date" value="' + esc(d.date) + '"></td>' +
      '<td><select data-f="kind"><option value="holiday"' + (d.kind === 'holiday' ? ' selected' : '') + '>放假</option>' +
      '<option value="workday"' + (d.kind === 'workday' ? ' selected' : '') + '>调休上班</option></select></td>' +
      '<td><input data-f="name" value="' + esc(d.name) + '" maxlength="20"></td>' + removeButton + '</tr>';
  }

  function categoryRow(c) {
    return '<tr><td><input class="short" data-f="prefix" value="' + esc(c.prefix) + '" maxlength="1"></td>' +
      '<td><input data-f="name" value="' + esc(c.name) + '" maxlength="40"></td>' + removeButton + '</tr>';
  }

  function materialsText(materials) {
    return (materials || []).map(function (m) {
      return m.shortfallAllowed ? m.name + '〔容缺' + (m.supplementDays || '') + '日〕' : m.name;
    }).join(';');
  }

  function itemRow(i) {
    var delivery = i.delivery || [];
    return '<tr><td><input class="code" data-f="code" value="' + esc(i.code) + '"></td>' +
      '<td><input data-f="name" value="' + esc(i.name) + '"></td>' +
      '<td><input class="short" data-f="category" value="' + esc(i.category) + '" maxlength="1"></td>' +
      '<td><input data-f="department" value="' + esc(i.department) + '"></td>' +
      '<td><input class="short" type="number" min="1" data-f="committedDays" value="' + esc(i.committedDays) + '"></td>' +
      '<td><input class="short" type="number" min="1" data-f="statutoryDays" value="' + esc(i.statutoryDays) + '"></td>' +
      '<td><select data-f="decidedAt"><option value="township"' + (i.decidedAt === 'township' ? ' selected' : '') + '>乡镇办结</option>' +
      '<option value="county"' + (i.decidedAt === 'county' ? ' selected' : '') + '>乡呼县应</option></select></td>' +
      '<td class="check"><label><input type="checkbox" data-f="informedCommitment"' + (i.informedCommitment ? ' checked' : '') + '>是</label></td>' +
      '<td class="check"><label><input type="checkbox" data-f="window"' + (delivery.indexOf('window') >= 0 ? ' checked' : '') + '>窗口</label>' +
      '<label><input type="checkbox" data-f="post"' + (delivery.indexOf('post') >= 0 ? ' checked' : '') + '>邮寄</label></td>' +
      '<td><input data-f="materials" value="' + esc(materialsText(i.materials)) + '"></td>' + removeButton + '</tr>';
  }

  function hallSettingRow(boxId, key, value) {
    return '<tr><td><select data-f="box">' + hallOptions(boxId) + '</select></td><td><select data-f="key">' + settingOptions(key) + '</select></td>' +
      '<td><input data-f="value" value="' + esc(value) + '"></td>' + removeButton + '</tr>';
  }

  function revocationRow(boxId, deviceId) {
    return '<tr><td><select data-f="box">' + hallOptions(boxId) + '</select></td><td><input data-f="device" value="' + esc(deviceId) + '"></td>' + removeButton + '</tr>';
  }

  function renderEditor() {
    var c = state.draft;
    document.querySelector('#cfg-calendar tbody').innerHTML = c.calendar.days.slice().sort(function (a, b) { return a.date < b.date ? -1 : 1; }).map(dayRow).join('');
    document.querySelector('#cfg-categories tbody').innerHTML = c.catalogue.categories.map(categoryRow).join('');
    document.querySelector('#cfg-items tbody').innerHTML = c.catalogue.items.map(itemRow).join('');
    document.querySelector('#cfg-settings tbody').innerHTML = state.settings.map(function (s) {
      var value = (c.settings || {})[s.key];
      var local = (c.localAllowed || []).indexOf(s.key) >= 0;
      return '<tr data-key="' + esc(s.key) + '"><td>' + esc(s.name) + '</td><td><input data-f="value" value="' + esc(value === undefined ? '' : value) + '" placeholder="不下发"></td>' +
        '<td class="check"><label><input type="checkbox" data-f="local"' + (local ? ' checked' : '') + '>允许</label></td></tr>';
    }).join('');
    var hallSettings = [];
    Object.keys(c.hallSettings || {}).forEach(function (box) {
      Object.keys(c.hallSettings[box]).forEach(function (key) { hallSettings.push(hallSettingRow(box, key, c.hallSettings[box][key])); });
    });
    document.querySelector('#cfg-hall-settings tbody').innerHTML = hallSettings.join('');
    var revocations = [];
    Object.keys(c.hallRevocations || {}).forEach(function (box) {
      c.hallRevocations[box].forEach(function (id) { revocations.push(revocationRow(box, id)); });
    });
    document.querySelector('#cfg-revocations tbody').innerHTML = revocations.join('');
    document.querySelector('#cfg-rules tbody').innerHTML = (c.catalogue.inspectionRules || []).map(function (r) {
      return '<tr><td>' + esc(r.itemName) + ' <span class="muted">' + esc(r.itemCode) + '</span></td><td>' + esc(r.department) + '</td>' +
        '<td>' + esc(r.statutoryDays) + ' 个工作日</td><td>' + esc(r.minimumSeconds) + ' 秒</td>' +
        '<td>' + esc(r.checkpoints.map(function (p) { return p.name; }).join('、')) + '</td></tr>';
    }).join('') || '<tr><td colspan="5" class="empty">无</td></tr>';
  }

  // ---- tables → the configuration to publish ----
  function rows(id) { return Array.prototype.slice.call(document.querySelectorAll('#' + id + ' tbody tr')); }
  function field(row, name) { return row.querySelector('[data-f="' + name + '"]'); }
  function text(row, name) { return field(row, name).value.trim(); }
  function number(row, name) { var v = parseInt(field(row, name).value, 10); return isNaN(v) ? 0 : v; }

  function parseMaterials(value) {
    return value.split(/[;;]/).map(function (s) { return s.trim(); }).filter(Boolean).map(function (s) {
      var m = /^(.*?)〔容缺(\d*)日〕$/.exec(s);
      return m ? { name: m[1].trim(), shortfallAllowed: true, supplementDays: m[2] ? parseInt(m[2], 10) : null }
        : { name: s, shortfallAllowed: false, supplementDays: null };
    });
  }

  function collect() {
    var c = JSON.parse(JSON.stringify(state.draft));
    c.calendar = { days: rows('cfg-calendar').map(function (r) { return { date: text(r, 'date'), kind: field(r, 'kind').value, name: text(r, 'name') }; }) };
    c.catalogue.categories = rows('cfg-categories').map(function (r) { return { prefix: text(r, 'prefix').toUpperCase(), name: text(r, 'name') }; });
    c.catalogue.items = rows('cfg-items').map(function (r) {
      var delivery = [];
      if (field(r, 'window').checked) { delivery.push('window'); }
      if (field(r, 'post').checked) { delivery.push('post'); }
      return {
        code: text(r, 'code'), name: text(r, 'name'), category: text(r, 'category').toUpperCase(), department: text(r, 'department'),
        committedDays: number(r, 'committedDays'), statutoryDays: number(r, 'statutoryDays'), decidedAt: field(r, 'decidedAt').value,
        materials: parseMaterials(field(r, 'materials').value), informedCommitment: field(r, 'informedCommitment').checked, delivery: delivery
      };
    });
    c.settings = {};
    c.localAllowed = [];
    rows('cfg-settings').forEach(function (r) {
      var key = r.getAttribute('data-key');
      if (text(r, 'value')) { c.settings[key] = text(r, 'value'); }
      if (field(r, 'local').checked) { c.localAllowed.push(key); }
    });
    c.hallSettings = {};
    rows('cfg-hall-settings').forEach(function (r) {
      var box = field(r, 'box').value;
      c.hallSettings[box] = c.hallSettings[box] || {};
      c.hallSettings[box][field(r, 'key').value] = text(r, 'value');
    });
    c.hallRevocations = {};
    rows('cfg-revocations').forEach(function (r) {
      var box = field(r, 'box').value;
      if (!text(r, 'device')) { return; }
      c.hallRevocations[box] = c.hallRevocations[box] || [];
      c.hallRevocations[box].push(text(r, 'device'));
    });
    return c;
  }

  // ---- page ----
  function showTab(name) {
    Array.prototype.forEach.call(document.querySelectorAll('.cfg-tabs button'), function (b) { b.classList.toggle('active', b.getAttribute('data-tab') === name); });
    Array.prototype.forEach.call(document.querySelectorAll('.cfg-pane'), function (p) { p.classList.toggle('active', p.id === 'pane-' + name); });
  }

  function append(tableId, html) { document.querySelector('#' + tableId + ' tbody').insertAdjacentHTML('beforeend', html); }

  function say(message, ok) {
    var element = document.getElementById('cfg-message');
    element.textContent = message;
    element.className = 'message ' + (ok ? 'ok' : 'error');
  }

  function load() {
    return Hub.api('/api/config').then(function (data) {
      state.latest = data.latest;
      state.halls = data.halls;
      state.settings = data.settings;
      state.draft = data.latest ? data.latest.config : { catalogue: { categories: [], items: [], inspectionRules: [] }, calendar: { days: [] }, settings: {}, localAllowed: [], hallSettings: {}, hallRevocations: {}, hallVillagePoints: {} };
      var latest = data.latest;
      document.getElementById('cfg-current').textContent = latest
        ? '当前为第 ' + latest.version + ' 版,' + Hub.time(latest.publishedAt) + ' 由 ' + (latest.publishedBy || '县级中心') + ' 发布' + (latest.note ? ':' + latest.note : '')
        : '尚未发布任何版本';
      document.getElementById('cfg-edit-title').textContent = latest ? '在第 ' + latest.version + ' 版基础上编辑新版本' : '编辑第一个版本';
      document.querySelector('#cfg-versions tbody').innerHTML = data.versions.map(function (v) {
        return '<tr><td>第 ' + esc(v.version) + ' 版</td><td>' + esc(Hub.time(v.publishedAt)) + '</td><td>' + esc(v.publishedBy || '县级中心') + '</td><td>' + esc(v.note || '') + '</td></tr>';
      }).join('');
      renderHalls();
      renderEditor();
    }, function (error) { say(error.message, false); });
  }

  function publish() {
    var button = document.getElementById('cfg-publish');
    var problems = document.getElementById('cfg-problems');
    problems.innerHTML = '';
    button.disabled = true;
    var body = { basedOn: state.latest ? state.latest.version : 0, note: document.getElementById('cfg-note').value.trim(), config: collect() };
    fetch('/api/config', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-Hall-Hub': '1' }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        button.disabled = false;
        if (response.ok) {
          say('已发布第 ' + data.version + ' 版,各便民服务中心下次同步时启用。', true);
          document.getElementById('cfg-note').value = '';
          load();
          return;
        }
        var listed = data.problems || [];
        say(listed.length ? '配置有误,未发布;请修改以下各处后再发布:' : (data.error ? data.error.message : '发布失败,请稍后再试。'), false);
        problems.innerHTML = listed.map(function (p) { return '<li>' + esc(p) + '</li>'; }).join('');
      });
    }, function () {
      button.disabled = false;
      say('无法连接县级中心,未发布,请稍后再试。', false);
    });
  }

  Hub.start(function () {
    Array.prototype.forEach.call(document.querySelectorAll('.cfg-tabs button'), function (b) {
      b.addEventListener('click', function () { showTab(b.getAttribute('data-tab')); });
    });
    document.querySelector('main').addEventListener('click', function (e) {
      if (e.target.classList.contains('remove')) { e.target.closest('tr').remove(); }
    });
    document.getElementById('add-day').addEventListener('click', function () { append('cfg-calendar', dayRow({ date: '', kind: 'holiday', name: '' })); });
    document.getElementById('add-category').addEventListener('click', function () { append('cfg-categories', categoryRow({ prefix: '', name: '' })); });
    document.getElementById('add-item').addEventListener('click', function () {
      append('cfg-items', itemRow({ code: '', name: '', category: '', department: '', committedDays: 1, statutoryDays: 20, decidedAt: 'township', informedCommitment: false, delivery: ['window'], materials: [] }));
    });
    document.getElementById('add-hall-setting').addEventListener('click', function () { append('cfg-hall-settings', hallSettingRow(state.halls.length ? state.halls[0].boxId : '', state.settings[0].key, '')); });
    document.getElementById('add-revocation').addEventListener('click', function () { append('cfg-revocations', revocationRow(state.halls.length ? state.halls[0].boxId : '', '')); });
    document.getElementById('cfg-publish').addEventListener('click', publish);
    showTab('calendar');
    load();
  });
})();
