// The console's 云踏勘 tab (markup in inspections-tab.html): staff open an application (item, applicant, address,
// filming window) and hand the applicant the link to the filming page; every application shows its check's progress,
// the verdict with its reasons, and the actions it allows (check again after a failed run, keep the video past its
// retention). The API is Inspection/InspectionEndpoints.cs (/admin/api/inspections).

// ---- cloud site inspection (云踏勘) ----
const JOB_STATE = { 'queued': '排队中', 'running': '核查中', 'done': '已完成', 'failed': '核查出错' };
let inspectionRules = [];
let inspectionTimer = null;

// A TimeSpan as the box writes it ("00:00:30", "1.00:00:00") in seconds.
function seconds(span) {
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(String(span));
  return m ? ((+(m[1] || 0) * 24 + +m[2]) * 60 + +m[3]) * 60 + +m[4] : span;
}

// Times are the hall's own (the box sends them with the hall's offset): shown and entered as written there.
let hallOffset = '+08:00';
const hallTime = (t) => t ? String(t).slice(0, 16).replace('T', ' ') : '';
function hallInput(t, days) {
  const d = new Date(String(t).slice(0, 19) + 'Z'); // the hall's wall clock, counted as if it were UTC
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 16);
}

function inspectionProgress(a) {
  const j = a.job;
  if (!j) { return '<span class="muted">等待申请人上传</span>'; }
  let text = esc(JOB_STATE[j.state] || j.state);
  if (j.state === 'running') { text += ` ${esc(j.progress)}% <span class="muted">${esc(j.stage)}</span>`; }
  if (j.state === 'queued' && j.queuePosition) { text += ` <span class="muted">前面还有 ${esc(j.queuePosition)} 个</span>`; }
  if (j.state === 'failed') { text = `<span class="failed">${text}</span> <span class="muted">${esc(j.error || '')}</span>`; }
  return text;
}

function inspectionVerdict(a) {
  const v = a.verdict;
  if (!v) { return ''; }
  if (v.passed) { return `<span class="passed">通过</span> <span class="muted">${esc(hallTime(v.checkedAt))}</span>`; }
  return `<span class="failed">未通过</span> <span class="muted">${esc(hallTime(v.checkedAt))},可在线整改</span>`
    + `<ul class="reasons">${(v.reasons || []).map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`;
}

function inspectionActions(a) {
  const b = [`<button class="secondary" data-in-link="${esc(a.id)}">拍摄链接</button>`];
  if (a.job && a.job.state === 'failed') { b.push(`<button data-in-retry="${esc(a.job.jobId)}">重新核查</button>`); }
  if (a.verdict && !a.verdict.held && !a.verdict.videoDeleted) { b.push(`<button class="secondary" data-in-hold="${esc(a.verdict.inspectionId)}">保留视频</button>`); }
  if (a.verdict && a.verdict.held) { b.push('<span class="muted">视频已保留</span>'); }
  return b.join('');
}

async function loadInspections() {
  clearTimeout(inspectionTimer);
  const open = () => $('tab-inspections').classList.contains('active');
  let r;
  try { r = await api('GET', '/inspections'); }
  catch (e) {
    // A failed refresh (the box restarting) tries again; its error is shown only on this tab.
    if (open()) { say(e.message, false); inspectionTimer = setTimeout(loadInspections, 10000); }
    return;
  }
  inspectionRules = r.rules || [];
  hallOffset = /([+-]\d\d:\d\d|Z)$/.exec(String(r.hallNow))?.[1] || hallOffset;
  const item = $('in-item');
  if (!item.options.length) {
    item.innerHTML = inspectionRules.map((x) => `<option value="${esc(x.itemCode)}">${esc(x.itemCode)} ${esc(x.itemName)}</option>`).join('');
    showInspectionRule();
    $('in-form').windowFrom.value = String(r.hallNow).slice(0, 16);
    $('in-form').windowTo.value = hallInput(r.hallNow, 3);
  }
  const list = (r.applications || []).filter((a) => a);
  $('in-list').innerHTML = list.length ? list.map((a) => `<tr data-application="${esc(a.id)}">
    <td>${esc(a.id)}</td><td>${esc(a.itemName || a.itemCode)}</td><td>${esc(a.applicant)}</td><td>${esc(a.address)}</td>
    <td>${esc(hallTime(a.windowFrom))} – ${esc(hallTime(a.windowTo))}</td><td class="progress">${inspectionProgress(a)}</td>
    <td class="verdict">${inspectionVerdict(a)}</td><td>${inspectionActions(a)}</td></tr>`).join('')
    : '<tr><td colspan="8" class="muted">还没有云踏勘申请</td></tr>';
  // While the tab is open it follows the applications: every 2 s while a check runs, else every 10 s (an
  // applicant may upload at any moment); it stops when the tab is left.
  const busy = list.some((a) => a.job && (a.job.state === 'queued' || a.job.state === 'running'));
  if (open()) { inspectionTimer = setTimeout(loadInspections, busy ? 2000 : 10000); }
}

function showInspectionRule() {
  const rule = inspectionRules.find((x) => x.itemCode === $('in-item').value);
  $('in-rule').textContent = rule
    ? `${rule.department} · 法定时限 ${rule.statutoryDays} 个工作日 · 视频至少 ${seconds(rule.minimumDuration)} 秒 · 踏勘要点:${rule.checkpoints.map((c) => c.name).join('、')}`
    : '';
}

function showInspectionLink(link) {
  $('in-link-text').textContent = link;
  $('in-link').hidden = false;
}

$('in-item').addEventListener('change', showInspectionRule);

$('in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  // The hall's zone has no daylight saving (Asia/Shanghai), so today's offset holds for the window too.
  const at = (v) => v ? `${v.length === 16 ? v + ':00' : v}${hallOffset}` : null;
  const body = { itemCode: f.itemCode.value, applicant: f.applicant.value.trim(), address: f.address.value.trim(),
    windowFrom: at(f.windowFrom.value), windowTo: at(f.windowTo.value) };
  const opened = await act(api('POST', '/inspections', body), '申请已开立,请把拍摄链接发给申请人');
  if (opened) {
    showInspectionLink(opened.link);
    f.applicant.value = '';
    f.address.value = '';
    loadInspections();
  }
});

$('in-copy').addEventListener('click', async () => {
  try { await navigator.clipboard.writeText($('in-link-text').textContent); say('链接已复制', true); }
  catch (e) { say('浏览器不允许复制,请手动选中链接复制', false); }
});

$('in-list').addEventListener('click', async (e) => {
  const b = e.target.closest('button');
  if (!b) { return; }
  if (b.dataset.inLink) {
    try { showInspectionLink((await api('GET', '/inspections/' + encodeURIComponent(b.dataset.inLink))).link); }
    catch (err) { say(err.message, false); }
  } else if (b.dataset.inRetry) {
    if (await act(api('POST', `/inspections/jobs/${encodeURIComponent(b.dataset.inRetry)}/retry`), '已重新排队核查')) { loadInspections(); }
  } else if (b.dataset.inHold) {
    if (await act(api('POST', `/inspections/verdicts/${encodeURIComponent(b.dataset.inHold)}/hold`), '视频已保留,不会按期限删除')) { loadInspections(); }
  }
});
