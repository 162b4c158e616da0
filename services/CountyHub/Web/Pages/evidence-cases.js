// 督办 on the hub's 差评回访 page: each case's cell shows the 督办 sent (已发送 → 已送达 → 已答复, with the hall's answer),
// and supervisors and county admins get a 督办 button that opens the form below the table. Times in the county's clock.
(function () {
  'use strict';
  var STATES = { sent: '已发送', delivered: '已送达', answered: '已答复' };
  var BADGE = { sent: 'warn', delivered: '', answered: 'ok' };
  var lastCases = [];

  function mayUrge() {
    var me = Hub.me();
    return me && (me.user.role === 'county-admin' || me.user.role === 'supervisor');
  }

  function cell(list) {
    return list.map(function (s) {
      return '<span class="badge ' + (BADGE[s.state] || '') + '">督办' + Hub.esc(STATES[s.state] || s.state) + '</span>' +
        '<span class="ev-line">期限 ' + Hub.esc(Hub.time(s.deadline)) + '</span>' +
        (s.state === 'answered'
          ? '<span class="ev-answer">' + Hub.esc(s.answeredBy || '') + ' 于 ' + Hub.esc(Hub.time(s.answeredAt)) + ' 答复:' + Hub.esc(s.answerText) + '</span>'
          : '');
    }).join('');
  }

  function render(cases) {
    lastCases = cases;
    Hub.api('/api/supervisions').then(function (data) {
      var byCase = {};
      data.supervisions.forEach(function (s) { (byCase[s.boxId + '/' + s.caseId] = byCase[s.boxId + '/' + s.caseId] || []).push(s); });
      document.querySelectorAll('td.slot-supervise').forEach(function (td) {
        var key = td.getAttribute('data-box-id') + '/' + td.getAttribute('data-case-id');
        td.innerHTML = cell((byCase[key] || []).slice(0, 1)) +
          (mayUrge() ? ' <button type="button" class="secondary ev-urge">督办</button>' : (byCase[key] ? '' : '—'));
      });
    }, function (error) { document.getElementById('cases-message').textContent = error.message; });
  }

  function openForm(boxId, caseId) {
    var holder = document.getElementById('ev-urge-form');
    if (!holder) {
      holder = document.createElement('div');
      holder.id = 'ev-urge-form';
      document.getElementById('cases-message').insertAdjacentElement('afterend', holder);
    }
    var c = lastCases.filter(function (x) { return x.boxId === boxId && x.caseId === caseId; })[0] || {};
    holder.innerHTML = '<form class="ev-form"><h2>向 ' + Hub.esc(c.hallName || boxId) + ' 发送督办 · 案件 ' + Hub.esc(caseId) + '</h2>' +
      '<label class="wide">督办内容<textarea name="text" maxlength="2000" required placeholder="请说明要求,例如:请于期限前完成回访并报整改情况"></textarea></label>' +
      '<div class="row"><label>期限(该中心时间)<input type="datetime-local" name="deadline" required></label>' +
      '<button type="submit">发送督办</button> <button type="button" class="secondary ev-cancel">取消</button></div>' +
      '<p class="message" id="ev-urge-message"></p></form>';
    var form = holder.querySelector('form');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var message = document.getElementById('ev-urge-message');
      Hub.api('/api/cases/' + encodeURIComponent(boxId) + '/' + encodeURIComponent(caseId) + '/urge', {
        method: 'POST', body: { text: form.elements.text.value, deadline: form.elements.deadline.value }
      }).then(function () {
        holder.innerHTML = '<p class="message ok">督办已发出,待该中心边缘盒取回。</p>';
        render(lastCases);
      }, function (error) { message.className = 'message error'; message.textContent = error.message; });
    });
    holder.querySelector('.ev-cancel').addEventListener('click', function () { holder.innerHTML = ''; });
    form.elements.text.focus();
  }

  document.addEventListener('hub:cases-rendered', function (e) { render(e.detail.cases); });
  document.querySelector('#cases-table tbody').addEventListener('click', function (e) {
    var button = e.target.closest('button.ev-urge');
    if (!button) { return; }
    var td = button.closest('td');
    openForm(td.getAttribute('data-box-id'), td.getAttribute('data-case-id'));
  });
})();
