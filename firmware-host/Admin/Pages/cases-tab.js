// The console's 差评回访 tab (markup in cases-tab.html): the bad-review cases with their deadlines, a button for each
// step a case allows (回访, 整改, 办结, 申诉), and the 代为评价 form for a rating entered on the person's behalf.

// ---- bad-review follow-up (差评回访) ----
const CASE_STATE = { 'open': '待回访', 'called-back': '已回访,待整改', 'rectified': '已整改,待办结', 'closed': '已办结',
  'appealed': '申诉中', 'appeal-accepted': '申诉成立' };
const CASE_LEVEL = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
const CASE_STEP = { callback: '回访', rectify: '整改', close: '办结', appeal: '申诉' };
let caseReasons = [];
const reasonText = (code) => (caseReasons.find((r) => r.code === code) || {}).text || code;

async function loadCases() {
  loadSupervisions();
  if (!caseReasons.length) {
    try { caseReasons = await api('GET', '/ratings/reasons'); renderEntryReasons(); } catch (e) { /* codes are shown instead */ }
  }
  const q = new URLSearchParams();
  if ($('cs-state').value) { q.set('state', $('cs-state').value); }
  if ($('cs-overdue').checked) { q.set('overdue', '1'); }
  let cases;
  try { cases = await api('GET', '/cases?' + q.toString()); } catch (e) { say(e.message, false); return; }
  $('cs-cases').innerHTML = cases.length ? cases.map((c) => `<tr>
    <td>${esc(c.caseId)}</td><td>${esc(c.ticketNo)}</td><td>${esc(c.counter)}</td><td>${esc(c.staffName || c.staffId || '未签到')}</td>
    <td>${esc(CASE_LEVEL[c.level] || c.level)}</td><td>${esc((c.reasons || []).map(reasonText).join('、'))}</td>
    <td>${esc(CASE_STATE[c.state] || c.state)}${c.overdue ? ' <span class="overdue">已超期</span>' : ''}</td>
    <td class="${c.callbackOverdue ? 'overdue' : ''}">${esc(time(c.callbackDue))}</td>
    <td class="${c.rectifyOverdue ? 'overdue' : ''}">${esc(time(c.rectifyDue))}</td>
    <td>${(c.next || []).map((s) => `<button class="${s === 'appeal' ? 'secondary' : ''}" data-case="${esc(c.caseId)}" data-step="${esc(s)}">${CASE_STEP[s] || esc(s)}</button>`).join('')}</td></tr>`).join('')
    : '<tr><td colspan="10" class="muted">没有符合条件的差评案件</td></tr>';
}

$('cs-cases').addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-step]');
  if (!b) { return; }
  const id = b.dataset.case, step = b.dataset.step;
  const body = {};
  if (step === 'appeal') {
    const kind = prompt('申诉类型:输入 1 = 误评,2 = 恶意差评');
    if (kind === null) { return; }
    body.kind = kind.trim() === '2' ? 'malicious' : kind.trim() === '1' ? 'mistaken' : kind.trim();
  }
  const note = prompt(`${CASE_STEP[step]}说明(${id}):` + (step === 'close' ? '可不填' : '必填'));
  if (note === null) { return; }
  body.note = note;
  if (await act(api('POST', `/cases/${encodeURIComponent(id)}/${step}`, body), `${id} 已${CASE_STEP[step]}`)) { loadCases(); }
});

function renderEntryReasons() {
  $('cs-reasons').innerHTML = '原因:' + caseReasons.map((r) => `<label><input type="checkbox" value="${esc(r.code)}"> ${esc(r.text)}</label>`).join(' ');
}

$('cs-level').addEventListener('change', () => $('cs-reasons').classList.toggle('shown', Number($('cs-level').value) <= 2));

$('cs-entry').addEventListener('submit', async (e) => {
  e.preventDefault();
  const level = Number($('cs-level').value);
  const body = {
    counter: $('cs-counter').value.trim() || undefined,
    ticketNo: $('cs-ticket').value.trim(),
    level,
    reasons: level <= 2 ? [...document.querySelectorAll('#cs-reasons input:checked')].map((i) => i.value) : [],
    comment: $('cs-comment').value.trim() || undefined,
    requestId: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/-/g, ''),
  };
  const r = await act(api('POST', '/ratings/staff-entry', body), '已代为评价');
  if (r) {
    say(`已代为评价 ${r.ticketNo}:${CASE_LEVEL[r.level] || r.level}` + (r.caseId ? `,已生成差评案件 ${r.caseId}` : ''), true);
    $('cs-entry').reset();
    $('cs-reasons').classList.remove('shown');
    loadCases();
  }
});

$('cs-form').addEventListener('submit', (e) => { e.preventDefault(); loadCases(); });
$('cs-state').addEventListener('change', loadCases);
