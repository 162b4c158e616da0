const id = location.pathname.split('/').pop();
const k = new URLSearchParams(location.search).get('k');
const api = (p) => `/api/inspect/${encodeURIComponent(id)}${p}?k=${encodeURIComponent(k)}`;
const $ = (x) => document.getElementById(x);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const CHUNK = 4 * 1024 * 1024;
let view = null, rectifying = null, busy = false;

function clock(s) { s = Math.round(s); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`; }
function seconds(text) {
  const m = /^\s*(?:(\d+)[:：])?(\d{1,2})(?:\.\d+)?\s*$/.exec(text || '');
  return m ? (Number(m[1] || 0) * 60 + Number(m[2])) : null;
}
function points() {
  const all = view.rule ? view.rule.checkpoints : [];
  return rectifying ? all.filter((c) => rectifying.failedCheckpoints.includes(c.code)) : all;
}

function renderRules() {
  const r = view.rule, a = view.application;
  $('title').textContent = `云踏勘 · ${r.itemName}`;
  $('who').textContent = `申请人 ${a.applicant} · ${a.address} · 拍摄时段 ${a.windowFrom.slice(0, 16).replace('T', ' ')} 至 ${a.windowTo.slice(0, 16).replace('T', ' ')}`;
  $('rules-body').innerHTML = `
    <p class="muted">法律依据:${esc(r.legalBasis)}<br>法定办结时限:${r.statutoryDays} 个工作日 · 视频不短于 ${clock(toSeconds(r.minimumDuration))}</p>
    <ol>${r.checkpoints.map((c) => `<li><b>${esc(c.name)}</b>${c.personRequired ? ' <span class="badge">需本人出镜</span>' : ''}<br><span class="muted">须拍到:${esc(c.mustShow)}</span></li>`).join('')}</ol>
    <p><b>注意事项</b></p><ul>${r.cautions.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`;
}
function toSeconds(span) { const p = String(span).split(':').map(Number); return p.length === 3 ? p[0] * 3600 + p[1] * 60 + p[2] : 0; }

function renderMarks() {
  $('marks').innerHTML = points().map((c) =>
    `<label class="mark"><span>${esc(c.name)}</span><input inputmode="numeric" placeholder="分:秒" data-code="${esc(c.code)}"></label>`).join('');
  $('upload-title').textContent = rectifying ? '整改:重新拍摄未通过的要点' : '上传踏勘视频';
  $('rectify-note').hidden = !rectifying;
  $('rectify-note').textContent = rectifying ? '只需重新拍摄下列未通过的要点,已通过的要点不必再拍。' : '';
}

function renderResults() {
  const rows = [];
  for (const j of view.jobs) {
    const v = view.verdicts.find((x) => x.uploadId === j.uploadId);
    if (v) {
      const verdict = v.verdict;
      rows.push(`<div><p class="${verdict.passed ? 'pass' : 'fail'}"><b>${verdict.passed ? '核查通过' : '核查未通过'}</b>
        <span class="muted">(${esc(v.inspectionId)}${v.rectificationOf ? ',整改 ' + esc(v.rectificationOf) : ''},${esc(v.checkedAt.slice(0, 19).replace('T', ' '))})</span></p>
        <ul>${verdict.results.map((r) => `<li class="${r.passed ? 'pass' : 'fail'}">${r.passed ? '✔' : '✘'} ${esc(r.reason)}</li>`).join('')}</ul></div>`);
    } else if (j.state === 'failed') {
      rows.push(`<p class="fail">核查出错:${esc(j.error)}</p>`);
    } else {
      rows.push(`<p>正在核查:${esc(j.stage || '排队中')}${j.queuePosition ? `(前面还有 ${j.queuePosition} 个)` : ''}
        <progress max="100" value="${j.progress}"></progress></p>`);
    }
  }

  $('results').hidden = rows.length === 0;
  $('results-body').innerHTML = rows.join('<hr>');
  const last = view.verdicts[view.verdicts.length - 1];
  const canRectify = last && !last.verdict.passed && last.verdict.failedCheckpoints.length > 0
    && last.verdict.results.every((r) => r.passed || r.check === 'checkpoint');
  const next = canRectify ? { inspectionId: last.inspectionId, failedCheckpoints: last.verdict.failedCheckpoints } : null;
  if (JSON.stringify(next) !== JSON.stringify(rectifying)) { rectifying = next; renderMarks(); }
}

async function load() {
  const r = await fetch(api(''));
  if (!r.ok) { $('rules-body').textContent = (await r.json()).error.message; return; }
  const first = view === null;
  view = await r.json();
  if (first) { renderRules(); renderMarks(); }
  renderResults();
}

async function status(uploadId) {
  const r = await fetch(api(`/uploads/${uploadId}`));
  return r.ok ? r.json() : null;
}

async function send() {
  const file = $('file').files[0];
  $('error').textContent = '';
  if (!file) { $('error').textContent = '请先选择要上传的视频'; return; }
  const marks = {};
  for (const input of document.querySelectorAll('#marks input')) {
    const s = seconds(input.value);
    if (s === null) { $('error').textContent = `请填写“${input.closest('label').innerText.trim()}”出现的时间`; input.focus(); return; }
    marks[input.dataset.code] = s;
  }

  busy = true; $('send').disabled = true; $('bar').hidden = false;
  const saved = JSON.parse(localStorage.getItem('inspect-' + id) || 'null');
  let upload = null;
  if (saved && saved.name === file.name && saved.size === file.size && saved.modified === file.lastModified) {
    upload = await status(saved.uploadId);
    if (upload && upload.state !== 'receiving') upload = null;
  }

  if (!upload) {
    const r = await fetch(api('/uploads'), { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fileName: file.name, contentType: file.type, size: file.size, marks, rectificationOf: rectifying ? rectifying.inspectionId : null }) });
    const body = await r.json();
    if (!r.ok) { fail(body.error.message); return; }
    upload = body;
    localStorage.setItem('inspect-' + id, JSON.stringify({ uploadId: upload.uploadId, name: file.name, size: file.size, modified: file.lastModified }));
  }

  let offset = upload.offset, failures = 0;
  while (offset < file.size) {
    $('bar').value = Math.floor(offset * 100 / file.size);
    $('status').textContent = ` 已上传 ${(offset / 1048576).toFixed(1)} / ${(file.size / 1048576).toFixed(1)} MB`;
    try {
      const r = await fetch(api(`/uploads/${upload.uploadId}`), { method: 'PATCH',
        headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, body: file.slice(offset, offset + CHUNK) });
      const body = await r.json();
      if (r.ok) { offset = body.offset; failures = 0; continue; }
      if (body.error && body.error.currentOffset !== undefined && body.error.currentOffset !== null) { offset = body.error.currentOffset; continue; }
      fail(body.error.message); localStorage.removeItem('inspect-' + id); return;
    } catch (e) {
      // The Wi-Fi dropped: ask the box how much it has and carry on from there.
      failures++;
      $('status').textContent = ` 网络中断,${Math.min(30, failures * 2)} 秒后继续…`;
      await new Promise((res) => setTimeout(res, Math.min(30, failures * 2) * 1000));
      const s = await status(upload.uploadId).catch(() => null);
      if (s) offset = s.offset;
    }
  }

  localStorage.removeItem('inspect-' + id);
  $('bar').value = 100; $('status').textContent = ' 上传完成,正在核查…';
  busy = false; $('send').disabled = false;
  await load();
}

function fail(message) { $('error').textContent = message; busy = false; $('send').disabled = false; }

$('send').addEventListener('click', send);
load();
setInterval(() => { if (!busy) load().catch(() => {}); }, 2000);
