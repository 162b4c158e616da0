const ROLE = { 'staff': '窗口人员', 'duty-manager': '值班长', 'admin': '管理员' };
const STATUS = { open: '开放', paused: '暂停', closed: '关闭' };
const ALERT = { 'staff-absent': '人员离岗', 'crowding': '排队拥挤', 'device-offline': '设备离线', 'bad-review': '差评',
  'inspection-failed': '踏勘未通过', 'long-wait': '等候过长', 'long-service': '办理过长', 'idle-counter': '窗口空闲',
  'counter-unattended': '窗口空岗', 'extra-people': '窗口内人数过多', 'camera-offline': '摄像头离线', 'monitor-fault': '窗口监控故障',
  'outbox-filling': '待上传记录积压', 'uplink-refused': '县级中心拒绝上传' };
let me = null;
let snapshot = null;
const counterStates = new Map();
// Presence per counter (在岗/离岗/未知); a counter missing here has no camera.
let presence = new Map();
let monitorFault = null;
const alerts = [];

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
// Every time in the hall's own clock (its time zone from /me), not the zone of the PC the console is opened on.
let hallZone;
const time = (t) => t ? new Date(t).toLocaleString('zh-CN', { hour12: false, timeZone: hallZone }) : '';
const clock = (t) => t ? new Date(t).toLocaleTimeString('zh-CN', { hour12: false, timeZone: hallZone }) : '';

function say(text, ok) {
  const m = $('message');
  m.textContent = text || '';
  m.className = 'message ' + (ok ? 'ok' : 'error');
}

async function api(method, path, body) {
  const options = { method, headers: { 'X-Hall-Admin': '1' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch('/admin/api' + path, options);
  if (response.status === 401) { location.href = '/admin/login?ReturnUrl=/admin'; throw new Error('请重新登录'); }
  const data = await response.json().catch(() => null);
  if (!response.ok) { throw new Error(data && data.error ? data.error.message : '操作失败 (' + response.status + ')'); }
  return data;
}

async function act(promise, done) {
  try {
    const result = await promise;
    say(done || '已保存', true);
    return result;
  } catch (e) {
    say(e.message, false);
    return null;
  }
}

// ---- tabs ----
document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => {
  document.querySelectorAll('nav button').forEach((x) => x.classList.toggle('active', x === b));
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.id === 'tab-' + b.dataset.tab));
  say('');
  ({ live: loadQueue, catalogue: loadQueue, staff: loadStaff, devices: loadDevices, assessment: loadAssessment, cases: loadCases, cameras: loadCameras, inspections: loadInspections, uplink: loadUplink })[b.dataset.tab]();
}));

// ---- live queue ----
async function loadQueue() {
  try {
    snapshot = await api('GET', '/queue');
    snapshot.counters.forEach((c) => counterStates.set(c.counter, c));
    renderQueue();
  } catch (e) { say(e.message, false); }
}

function renderQueue() {
  if (!snapshot) { return; }
  const waiting = snapshot.waiting || {};
  $('categories-live').innerHTML = snapshot.categories.map((c) => `<tr>
    <td><strong>${esc(c.prefix)}</strong></td><td>${esc(c.name)}${c.active ? '' : ' <span class="badge closed">停止取号</span>'}</td>
    <td><strong>${c.waiting}</strong></td><td>${Number(c.meanServiceMinutes || 0).toFixed(1)}</td>
    <td><div class="waiting">${(waiting[c.prefix] || []).map((t) => `<span data-ticket="${esc(t.ticketNo)}" title="${esc(time(t.issuedAt))}">${esc(t.ticketNo)}${t.priority ? '★' : ''}</span>`).join('')}</div></td></tr>`).join('');
  const n = snapshot.counts || {};
  $('counts').textContent = `今日:取号 ${n.issued ?? 0},等候 ${n.waiting ?? 0},办理中 ${n.inService ?? 0},办结 ${n.finished ?? 0},过号 ${n.noShows ?? 0},离开 ${n.walkOuts ?? 0}`;
  renderCounters();
  renderCatalogue();
}

function renderCounters() {
  const states = [...counterStates.values()];
  $('counters-live').innerHTML = states.map((s) => `<div class="card">
    <div class="row"><strong>${esc(s.counterName || s.counter)}</strong> <span class="badge ${esc(s.status)}">${STATUS[s.status] || esc(s.status)}</span></div>
    <div class="ticket">${esc(s.ticketNo || '—')}</div>
    <div class="muted">${s.staffName ? esc(s.staffName) + '(' + esc(s.staffId) + ')' : '未签到'} · ${esc(clock(s.since))}</div>
    ${s.pauseReason ? `<div class="muted">暂停原因:${esc(s.pauseReason)}</div>` : ''}
    <div class="presence">在岗情况:${presenceHtml(s.counter)}</div>
    <div class="row">
      <button class="secondary" data-open="${esc(s.counter)}" ${s.status === 'open' ? 'disabled' : ''}>开窗</button>
      <button class="secondary" data-close="${esc(s.counter)}" ${s.status === 'closed' ? 'disabled' : ''}>关窗</button>
    </div></div>`).join('');
}

$('counters-live').addEventListener('click', async (e) => {
  const open = e.target.dataset.open, close = e.target.dataset.close;
  if (open) { await act(api('POST', `/counters/${encodeURIComponent(open)}/open`), '已开窗'); }
  if (close) { await act(api('POST', `/counters/${encodeURIComponent(close)}/close`), '已关窗'); }
  if (open || close) { loadQueue(); }
});

$('categories-live').addEventListener('click', async (e) => {
  const ticket = e.target.dataset.ticket;
  if (ticket && confirm(`作废 ${ticket} 号?(群众已离开时使用)`)) {
    await act(api('POST', `/tickets/${encodeURIComponent(ticket)}/cancel`), `${ticket} 已作废`);
    loadQueue();
  }
});

// ---- counter monitoring: presence per counter, people in the waiting area, a fault ----
function awayFor(since) {
  const total = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
  const h = Math.floor(total / 3600), m = Math.floor(total % 3600 / 60), sec = total % 60;
  return h ? `${h}小时${m}分` : m ? `${m}分${sec}秒` : `${sec}秒`;
}

function presenceHtml(counter) {
  const p = presence.get(counter);
  if (!p) { return '<span class="badge" title="未接摄像头">—</span>'; }
  if (p.present === true) { return `<span class="badge online" title="${esc(p.cameraId)}">在岗</span>`; }
  if (p.present === false) {
    return p.since
      ? `<span class="badge closed" data-away-since="${esc(p.since)}" title="${esc(time(p.since))} 起">离岗 ${awayFor(p.since)}</span>`
      : '<span class="badge closed">离岗</span>';
  }
  return `<span class="badge paused" title="摄像头 ${esc(p.cameraId)} 无画面或刚启动">未知</span>`;
}

function showFault(fault) {
  monitorFault = fault || null;
  const banner = $('monitor-fault');
  banner.textContent = monitorFault ? '窗口监控故障:' + monitorFault : '';
  banner.hidden = !monitorFault;
}

async function loadMonitor() {
  let m;
  try { m = await api('GET', '/monitor'); } catch (e) { return; /* the next refresh tries again */ }
  showFault(m.fault);
  presence = new Map((m.presence || []).map((p) => [p.counter, p]));
  const faces = m.waitingAreaFaces;
  $('monitor-summary').textContent = `排队等候 ${m.ticketsWaiting ?? 0} 人 · 等候区人数 ${faces === null || faces === undefined ? '—(无等候区摄像头画面)' : faces}`;
  renderCounters();
}

let monitorTimer = null;
function soonLoadMonitor() {
  if (!monitorTimer) { monitorTimer = setTimeout(() => { monitorTimer = null; loadMonitor(); }, 500); }
}

// The away time ticks without redrawing the cards (their buttons stay clickable).
setInterval(() => document.querySelectorAll('[data-away-since]').forEach((b) => { b.textContent = '离岗 ' + awayFor(b.dataset.awaySince); }), 1000);

function addAlert(a) {
  alerts.unshift(a);
  if (alerts.length > 200) { alerts.pop(); }
  $('no-alerts').style.display = 'none';
  $('alerts').innerHTML = alerts.map((x) => `<li class="${x.active === false ? 'cleared' : 'active'}">
    ${esc(clock(x.ts))} <span class="badge">${esc(ALERT[x.type] || x.type)}</span> ${esc(x.message)}${x.active === false ? '(已解除)' : ''}</li>`).join('');
}

let refreshTimer = null;
function connectLive() {
  const source = new EventSource('/admin/live?topics=counter/,alert,display/board');
  source.onopen = () => { $('live-state').textContent = '实时'; $('live-state').className = 'badge online'; };
  source.onerror = () => {
    $('live-state').textContent = '实时连接中断,重连中…'; $('live-state').className = 'badge offline';
    if (source.readyState === EventSource.CLOSED) { setTimeout(connectLive, 3000); }
  };
  source.onmessage = (event) => {
    let m;
    try { m = JSON.parse(event.data); } catch { return; }
    const topic = m.topic || '';
    if (/\/counter\/[^/]+\/state$/.test(topic) && m.payload) {
      counterStates.set(m.payload.counter, m.payload);
      renderCounters();
    } else if (/\/counter\/[^/]+\/presence$/.test(topic) && m.payload) {
      const known = presence.get(m.payload.counter);
      presence.set(m.payload.counter, m.payload);
      renderCounters();
      // A camera added, moved or removed: the monitor's list says which counters still have one.
      if (!known || known.cameraId !== m.payload.cameraId) { soonLoadMonitor(); }
    } else if (/\/alert$/.test(topic) && m.payload) {
      addAlert(m.payload);
      if (m.payload.type === 'monitor-fault' || m.payload.type === 'camera-offline') { soonLoadMonitor(); }
    } else if (/\/display\/board$/.test(topic)) {
      // Waiting counts changed: fetch the lists again, at most every two seconds.
      if (!refreshTimer) { refreshTimer = setTimeout(() => { refreshTimer = null; loadQueue(); }, 2000); }
    }
  };
}

// ---- catalogue ----
function renderCatalogue() {
  const admin = me && me.role === 'admin';
  $('categories').innerHTML = snapshot.categories.map((c) => `<tr>
    <td>${esc(c.prefix)}</td><td>${esc(c.name)}</td><td>${c.active ? '<span class="badge open">开放</span>' : '<span class="badge closed">停止</span>'}</td>
    <td>${c.dailyLimit}</td><td>${c.order}</td>
    <td>${admin ? `<button class="secondary" data-category="${esc(c.prefix)}">修改</button>` : ''}</td></tr>`).join('');
  $('counters').innerHTML = snapshot.counters.map((s) => `<tr>
    <td>${esc(s.counter)}</td><td>${esc(s.counterName || '')}</td><td>${esc((s.categories || []).join(', '))}</td>
    <td><span class="badge ${esc(s.status)}">${STATUS[s.status] || esc(s.status)}</span></td>
    <td>${admin ? `<button class="secondary" data-counter="${esc(s.counter)}">修改</button>` : ''}</td></tr>`).join('');
}

$('categories').addEventListener('click', async (e) => {
  const prefix = e.target.dataset.category;
  if (!prefix) { return; }
  const c = snapshot.categories.find((x) => x.prefix === prefix);
  const name = prompt('类别名称', c.name); if (name === null) { return; }
  const limit = prompt('每日上限(1–999)', c.dailyLimit); if (limit === null) { return; }
  const active = confirm('是否开放取号?(确定=开放,取消=停止取号)');
  await act(api('PUT', `/categories/${encodeURIComponent(prefix)}`, { name, active, dailyLimit: Number(limit), order: c.order }));
  loadQueue();
});

$('counters').addEventListener('click', async (e) => {
  const id = e.target.dataset.counter;
  if (!id) { return; }
  const s = snapshot.counters.find((x) => x.counter === id);
  const name = prompt('窗口名称', s.counterName || ''); if (name === null) { return; }
  const cats = prompt('办理类别,优先的在前,用逗号分隔', (s.categories || []).join(',')); if (cats === null) { return; }
  await act(api('PUT', `/counters/${encodeURIComponent(id)}`, { name, categories: cats.split(/[,,\s]+/).filter(Boolean) }));
  loadQueue();
});

$('category-add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const ok = await act(api('POST', '/categories', { prefix: f.get('prefix').toUpperCase(), name: f.get('name'), active: true,
    dailyLimit: Number(f.get('dailyLimit')), order: Number(f.get('order')) }), '类别已添加');
  if (ok) { e.target.reset(); loadQueue(); }
});

$('counter-add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const ok = await act(api('POST', '/counters', { id: f.get('id'), name: f.get('name'),
    categories: f.get('categories').split(/[,,\s]+/).filter(Boolean), interleave: f.get('interleave') || null }), '窗口已添加');
  if (ok) { e.target.reset(); loadQueue(); }
});

// ---- staff ----
async function loadStaff() {
  let list;
  try { list = await api('GET', '/staff'); } catch (e) { say(e.message, false); return; }
  const now = Date.now();
  const locked = (s) => [s.pinLockedUntil, s.passwordLockedUntil].some((t) => t && Date.parse(t) > now);
  $('staff').innerHTML = list.map((s) => `<tr>
    <td>${esc(s.staffId)}</td><td>${esc(s.name)}</td><td>${ROLE[s.role] || esc(s.role)}</td>
    <td>${s.active ? '<span class="badge open">在用</span>' : '<span class="badge inactive">停用</span>'}${locked(s) ? ' <span class="badge locked">已锁定</span>' : ''}</td>
    <td>${s.hasPin ? '已设' : '—'}</td><td>${s.hasPassword ? '已设' : '—'}</td>
    <td class="row">
      <button class="secondary" data-act="pin" data-id="${esc(s.staffId)}">重置PIN</button>
      ${s.role !== 'staff' ? `<button class="secondary" data-act="password" data-id="${esc(s.staffId)}">设密码</button>` : ''}
      <button class="secondary" data-act="role" data-id="${esc(s.staffId)}">改角色</button>
      ${locked(s) ? `<button class="secondary" data-act="unlock" data-id="${esc(s.staffId)}">解锁</button>` : ''}
      <button class="${s.active ? 'danger' : 'secondary'}" data-act="${s.active ? 'deactivate' : 'activate'}" data-id="${esc(s.staffId)}">${s.active ? '停用' : '启用'}</button>
    </td></tr>`).join('');
}

$('staff').addEventListener('click', async (e) => {
  const id = e.target.dataset.id, what = e.target.dataset.act;
  if (!id) { return; }
  const path = `/staff/${encodeURIComponent(id)}`;
  if (what === 'pin') {
    const pin = prompt(`为 ${id} 设新的 PIN(4–8 位数字,不能是 1234、1111 这类)`);
    if (pin) { await act(api('POST', path + '/pin', { pin }), 'PIN 已重置,请当面告知本人'); }
  } else if (what === 'password') {
    const password = prompt(`为 ${id} 设管理页密码(至少 8 位)`);
    if (password) { await act(api('POST', path + '/password', { password }), '密码已设置'); }
  } else if (what === 'role') {
    const role = prompt('新角色:staff(窗口人员)、duty-manager(值班长)、admin(管理员)');
    if (role) { await act(api('PUT', path, { role: role.trim() })); }
  } else if (what === 'unlock') {
    await act(api('POST', path + '/unlock'), '已解锁');
  } else if (what === 'deactivate') {
    if (confirm(`停用 ${id}?停用后不能签到和登录。`)) { await act(api('PUT', path, { active: false }), '已停用'); }
  } else if (what === 'activate') {
    await act(api('PUT', path, { active: true }), '已启用');
  }
  loadStaff();
});

$('staff-add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const ok = await act(api('POST', '/staff', { staffId: f.get('staffId').trim(), name: f.get('name').trim(), role: f.get('role'),
    pin: f.get('pin') || null, password: f.get('password') || null }), '人员已添加');
  if (ok) { e.target.reset(); loadStaff(); }
});

// ---- devices ----
// The box's certificate: what a technician compares with the fingerprint a device or a browser shows.
async function loadCertificate() {
  let cert;
  try { cert = await api('GET', '/box/certificate'); } catch (e) { return; }
  $('box-cert-sha256').textContent = cert.sha256.match(/../g).join(':');
  $('box-https-port').textContent = cert.httpsPort;
  $('box-mqtt-tls-port').textContent = cert.mqttTlsPort;
  $('box-plain').textContent = cert.deviceLanIsolated ? '设备网已隔离,公共页面和设备也可用明文端口' : '不提供明文端口';
}

const DEVICE_ROLE = { kiosk: '取号机', caller: '窗口呼叫器', display: '叫号显示屏', evaluator: '评价器' };

async function loadDevices() {
  loadCertificate();
  let list;
  try { list = await api('GET', '/devices'); } catch (e) { say(e.message, false); return; }
  const admin = me && me.role === 'admin';
  let villages = [];
  try { villages = await api('GET', '/villages'); } catch (e) { villages = []; }
  const names = Object.fromEntries(villages.map((v) => [v.id, v.name]));
  const select = $('device-village');
  const chosen = select.value;
  select.innerHTML = '<option value="">本中心</option>' + villages.map((v) => `<option value="${esc(v.id)}">${esc(v.name)}(${esc(v.id)})</option>`).join('');
  select.value = villages.some((v) => v.id === chosen) ? chosen : '';
  $('devices').innerHTML = list.map((d) => {
    // A web device is a browser: it has no connection to be online with, only a setup link opened or not.
    const state = d.revokedAt ? '<span class="badge revoked">已吊销</span>'
      : d.web ? (d.setupPending ? '<span class="badge offline">待打开设置链接</span>' : '<span class="badge online">已设置</span>')
      : d.online ? '<span class="badge online">在线</span>' : '<span class="badge offline">离线</span>';
    const kind = d.web ? ' <span class="badge web">网页</span>' : '';
    return `<tr><td>${esc(d.deviceId)}</td><td>${DEVICE_ROLE[d.role] || esc(d.role)}${kind}</td><td>${esc(d.counter || '')}</td><td>${d.village ? esc(names[d.village] || d.village) : '<span class="muted">本中心</span>'}</td><td>${esc(time(d.enrolledAt))}</td>
      <td>${state}${d.lastSeen ? ' <span class="muted">' + esc(clock(d.lastSeen)) + '</span>' : ''}</td><td>${esc(d.note || '')}</td>
      <td>${admin && !d.revokedAt ? `<button class="danger" data-revoke="${esc(d.deviceId)}">吊销</button>` : ''}</td></tr>`;
  }).join('');
}

$('devices').addEventListener('click', async (e) => {
  const id = e.target.dataset.revoke;
  if (id && confirm(`吊销 ${id}?它将立即无法连接。`)) {
    await act(api('POST', `/devices/${encodeURIComponent(id)}/revoke`), `${id} 已吊销`);
    loadDevices();
  }
});

$('device-add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const result = await act(api('POST', '/devices', { deviceId: f.get('deviceId').trim(), role: f.get('role'),
    counter: f.get('counter').trim() || null, note: f.get('note').trim() || null, replace: f.get('replace') === 'on',
    village: f.get('village') || null, web: f.get('web') === 'on' }), '设备已登记');
  if (result) {
    // A web device has no MQTT password: it gets a one-time setup link instead.
    $('cred-user').textContent = result.credentials.username;
    $('cred-pass').textContent = result.credentials.password;
    $('cred-setup').hidden = !result.setupUrl;
    $('cred-url').textContent = result.setupUrl || '';
    $('cred-hall').textContent = result.hallId;
    $('cred-port').textContent = result.mqttTlsPort;
    $('cred-cert').textContent = (result.credentials.boxCertificateSha256 || '').match(/../g)?.join(':') || '';
    $('cred-mqtt').hidden = !!result.setupUrl;
    $('credentials').style.display = 'block';
    e.target.reset();
    loadDevices();
  }
});

$('cred-hide').addEventListener('click', () => {
  $('credentials').style.display = 'none';
  $('cred-pass').textContent = '';
  $('cred-url').textContent = '';
});

$('logout').addEventListener('click', async () => {
  await fetch('/admin/api/logout', { method: 'POST', headers: { 'X-Hall-Admin': '1' } });
  location.href = '/admin/login';
});

// Starts once the page is parsed, so every tab's script (assessment-tab.js, cases-tab.js, …) has run.
document.addEventListener('DOMContentLoaded', async () => {
  try {
    me = await api('GET', '/me');
  } catch (e) { say(e.message, false); return; }
  $('me').textContent = `${me.name}(${ROLE[me.role] || me.role})`;
  hallZone = me.timeZone || undefined;
  $('hall-name').textContent = me.hallName || '便民服务中心';
  $('hall').textContent = me.hallId;
  document.title = (me.hallName || '便民服务中心') + ' · 管理页';
  const tick = () => { $('hall-clock').textContent = clock(new Date()); };
  tick();
  setInterval(tick, 1000);
  document.body.classList.toggle('is-admin', me.role === 'admin');
  await loadQueue();
  try {
    (await api('GET', '/alerts')).forEach(addAlert);
  } catch (e) { /* the live feed still brings new alerts */ }
  await loadMonitor();
  setInterval(loadMonitor, 5000);
  connectLive();
});
