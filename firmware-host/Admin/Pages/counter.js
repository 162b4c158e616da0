const counter = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
const base = `/counter/${encodeURIComponent(counter)}/api`;
const STATUS = { open: '开放', paused: '暂停', closed: '关闭' };
const $ = (id) => document.getElementById(id);
let signedIn = false;
let myStaffId = null;

function say(text, ok) {
  $('message').textContent = text || '';
  $('message').className = 'message ' + (ok ? 'ok' : 'error');
}

function requestId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const PRIORITY = { green: '绿色通道', assisted: '帮办代办', elderly: '老年人优先', appointment: '预约' };
let current = null;   // the last state shown
let serving = null;   // {ticketNo, issuedAt, calledAt, priority} of the ticket being served
let upcoming = [];    // the next waiting numbers of this counter's categories

// Each button only when it does something: 叫号 with someone waiting, the ticket's buttons with a ticket, 恢复 when paused.
function enableButtons() {
  if (!current) { return; }
  const open = current.status === 'open', paused = current.status === 'paused', hasTicket = !!current.ticketNo;
  const can = { next: open && upcoming.length > 0, recall: open && hasTicket, finish: open && hasTicket, skip: open && hasTicket,
    resume: paused, signout: true };
  document.querySelectorAll('#commands [data-cmd]').forEach((b) => { b.disabled = !can[b.dataset.cmd]; });
  $('transfer').disabled = !(open && hasTicket);
  $('pause').disabled = !open;
}

function minutesSince(t) { return Math.max(0, Math.floor((Date.now() - new Date(t).getTime()) / 60000)); }
function mmss(t) {
  const s = Math.max(0, Math.floor((Date.now() - new Date(t).getTime()) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
function showTiming() {
  const here = serving && current && serving.ticketNo === current.ticketNo ? serving : null;
  $('priority').hidden = !(here && here.priority);
  $('priority').textContent = here && here.priority ? (PRIORITY[here.priority] || '') : '';
  if (!here) { $('timing').textContent = ''; return; }
  const waited = here.calledAt ? Math.max(0, Math.round((new Date(here.calledAt) - new Date(here.issuedAt)) / 60000)) : minutesSince(here.issuedAt);
  $('timing').textContent = `已等候 ${waited} 分钟` + (here.calledAt ? ` · 办理 ${mmss(here.calledAt)}` : '');
}
setInterval(showTiming, 1000);

function showUpcoming() {
  $('upcoming').innerHTML = upcoming.length
    ? upcoming.map((t) => `<span class="num${t.priority && t.priority !== 'appointment' ? ' prio' : ''}">${t.ticketNo.replace(/[&<>"']/g, '')}${t.priority ? '(' + (PRIORITY[t.priority] || '') + ')' : ''}</span>`).join('')
    : '暂无等候';
}

function showAll(data) {
  serving = data.serving || null;
  upcoming = data.upcoming || [];
  showUpcoming();
  show(data.state);
}

function show(state) {
  current = state;
  $('title').textContent = state.counterName || (counter + '号窗口');
  document.title = $('title').textContent + ' · 窗口操作';
  $('status').textContent = STATUS[state.status] || state.status;
  $('status').className = 'badge ' + state.status;
  $('ticket').textContent = state.ticketNo || '—';
  $('staff').textContent = state.staffName ? (state.staffId ? `${state.staffName}(${state.staffId})` : state.staffName) : '未签到';
  if (state.status === 'paused' && state.pauseReason) { $('staff').textContent += ' · 暂停:' + state.pauseReason; }
  showTiming();
  enableButtons();
  if (signedIn && myStaffId && (state.staffId || '').toLowerCase() !== myStaffId.toLowerCase()) {
    // Someone else signed in here (or signed out on the keypad): this page is no longer theirs.
    setSignedIn(false);
    say('本窗口的签到已变更,请重新签到。', false);
  }
}

function setSignedIn(value, staffId) {
  signedIn = value;
  myStaffId = value ? (staffId || myStaffId) : null;
  $('signin-panel').hidden = value;
  $('commands').hidden = !value;
  $('transfer-panel').style.display = 'none';
  $('pause-panel').style.display = 'none';
}

async function load() {
  const response = await fetch(base + '/state');
  const data = await response.json().catch(() => null);
  if (!response.ok) { say(data && data.error ? data.error.message : '读取窗口失败', false); return; }
  setSignedIn(data.signedIn, data.state.staffId);
  showAll(data);
  $('waiting').textContent = data.categories.map((c) => `${c.prefix} ${c.name} 等候 ${c.waiting}`).join(' · ');
  $('to-category').innerHTML = '';
  data.categories.forEach((c) => $('to-category').appendChild(choice(`${c.prefix} ${c.name}`, { cmd: 'transfer', toCategory: c.prefix })));
  $('to-counter').innerHTML = '';
  data.counters.forEach((c) => $('to-counter').appendChild(choice(c.name, { cmd: 'transfer', toCounter: c.id })));
}

function choice(text, command) {
  const b = document.createElement('button');
  b.className = 'secondary';
  b.textContent = text;
  b.addEventListener('click', () => send(command, '已转移'));
  return b;
}

async function send(command, done) {
  document.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  try {
    const response = await fetch(base + '/command', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hall-Counter': '1' },
      body: JSON.stringify(Object.assign({ requestId: requestId(), ts: new Date().toISOString() }, command))
    });
    const data = await response.json().catch(() => null);
    if (!response.ok || (data && data.error)) {
      say(data && data.error ? data.error.message : '操作失败 (' + response.status + ')', false);
      if (response.status === 401) { setSignedIn(false); }
      if (command.cmd === 'signin' && data && data.error && data.error.retryAfterSeconds) { holdSignIn(data.error.retryAfterSeconds); }
      return false;
    }
    if (command.cmd === 'signin') { setSignedIn(true, data.staffId); }
    if (command.cmd === 'signout') { setSignedIn(false); }
    show(data);
    refreshState();
    say(done || '', true);
    $('transfer-panel').style.display = 'none';
    $('pause-panel').style.display = 'none';
    return true;
  } catch (e) {
    say('连不上盒子,请检查网络后重试。', false);
    return false;
  } finally {
    document.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    enableButtons();
    if (signInHeld) { signInButton.disabled = true; }
  }
}

// A throttled or locked sign-in says how long to wait: the button counts it down instead of inviting another guess.
const signInButton = document.querySelector('#signin button[type=submit]');
let signInHeld = null;
function holdSignIn(seconds) {
  const until = Date.now() + seconds * 1000;
  clearInterval(signInHeld);
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(signInHeld);
      signInHeld = null;
      signInButton.disabled = false;
      signInButton.textContent = '签到';
      return;
    }
    signInButton.disabled = true;
    signInButton.textContent = left < 120 ? `${left} 秒后可再试` : `${Math.ceil(left / 60)} 分钟后可再试`;
  };
  signInHeld = setInterval(tick, 1000);
  tick();
}

const DONE = { next: '已叫号', recall: '已重呼', skip: '已过号', resume: '已恢复', finish: '已完成', signout: '已签退' };
document.querySelectorAll('[data-cmd]').forEach((b) => b.addEventListener('click', () => {
  const cmd = b.dataset.cmd;
  if (cmd === 'signout' && !confirm('确定签退?签退后窗口关闭。')) { return; }
  send({ cmd }, DONE[cmd]);
}));
$('transfer').addEventListener('click', () => {
  $('pause-panel').style.display = 'none';
  $('transfer-panel').style.display = $('transfer-panel').style.display === 'block' ? 'none' : 'block';
});
$('pause').addEventListener('click', () => {
  $('transfer-panel').style.display = 'none';
  $('pause-panel').style.display = $('pause-panel').style.display === 'block' ? 'none' : 'block';
});
document.querySelectorAll('[data-reason]').forEach((b) => b.addEventListener('click', () => send({ cmd: 'pause', reason: b.dataset.reason }, '已暂停')));

$('signin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const staffId = $('staffId').value.trim();
  const ok = await send({ cmd: 'signin', staffId, pin: $('pin').value }, '签到成功');
  $('pin').value = '';
  if (ok) { myStaffId = staffId; load(); }
});

// One fetch at a time; an event during it asks for one more, so the page ends on the latest state.
let refreshing = false;
let refreshAgain = false;
async function refreshState() {
  if (refreshing) { refreshAgain = true; return; }
  refreshing = true;
  try {
    do {
      refreshAgain = false;
      const response = await fetch(base + '/state');
      const data = await response.json().catch(() => null);
      if (response.ok && data && data.state) { showAll(data); }
    } while (refreshAgain);
  } catch (e) {
    // The next event or the reconnect tries again.
  } finally {
    refreshing = false;
  }
}

function connectLive() {
  const source = new EventSource(`/live?topics=counter/${encodeURIComponent(counter)}/state`);
  source.onmessage = (event) => {
    let m;
    try { m = JSON.parse(event.data); } catch { return; }
    // The public feed leaves out who is signed in; this page asks its own route, which tells a signed-in browser.
    if (m.payload && m.payload.counter === counter) { refreshState(); }
  };
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) { setTimeout(connectLive, 3000); } };
}

load().then(connectLive);

