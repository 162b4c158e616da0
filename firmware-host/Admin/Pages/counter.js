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

function show(state) {
  $('title').textContent = state.counterName || (counter + '号窗口');
  document.title = $('title').textContent + ' · 窗口操作';
  $('status').textContent = STATUS[state.status] || state.status;
  $('status').className = 'badge ' + state.status;
  $('ticket').textContent = state.ticketNo || '—';
  $('staff').textContent = state.staffName ? (state.staffId ? `${state.staffName}(${state.staffId})` : state.staffName) : '未签到';
  if (state.status === 'paused' && state.pauseReason) { $('staff').textContent += ' · 暂停:' + state.pauseReason; }
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
  show(data.state);
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
    say(done || '', true);
    $('transfer-panel').style.display = 'none';
    $('pause-panel').style.display = 'none';
    return true;
  } catch (e) {
    say('连不上盒子,请检查网络后重试。', false);
    return false;
  } finally {
    document.querySelectorAll('button').forEach((b) => { b.disabled = false; });
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
      if (response.ok && data && data.state) { show(data.state); }
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

