// The console's 摄像头 tab (markup in cameras-tab.html): every camera with its state (在线/离线 and why, frames
// received), and for admins a form to add, change or remove one; cameras from the settings file are shown but changed
// only there. The API is Admin/CameraEndpoints.cs.

// ---- cameras (摄像头) ----
const CAM_ROLE = { 'counter': '窗口', 'waiting-area': '等候区' };
let cameras = [];
let cameraEditing = null;

function cameraState(c) {
  if (!c.enabled) { return '<span class="badge">已停用</span>'; }
  if (!c.running) { return '<span class="badge paused">未运行</span>' + (monitorFault ? ' <span class="muted">人脸模型未加载</span>' : ''); }
  if (c.online) { return '<span class="badge online">在线</span>'; }
  return c.reason ? `<span class="badge offline">离线</span> <span class="muted">${esc(c.reason)}</span>` : '<span class="badge paused">连接中</span>';
}

async function loadCameras() {
  let r;
  try { r = await api('GET', '/cameras'); } catch (e) { say(e.message, false); return; }
  showFault(r.fault);
  cameras = r.cameras || [];
  const admin = me && me.role === 'admin';
  $('cam-list').innerHTML = cameras.length ? cameras.map((c) => `<tr data-camera="${esc(c.id)}">
    <td><strong>${esc(c.id)}</strong></td><td>${esc(CAM_ROLE[c.role] || c.role)}</td><td>${esc(c.counter || '')}</td>
    <td class="src">${esc(c.source)}</td><td>${esc(c.sampleRate)}</td><td>${esc(c.maxPeople)}</td><td>${c.enabled ? '是' : '否'}</td>
    <td>${cameraState(c)}</td><td>${esc(c.frames)}</td>
    <td>${c.fromSettings ? '<span class="badge" title="写在盒子的设置文件里,请在设置文件中修改">设置文件</span>'
      : admin ? `<button class="secondary" data-cam-edit="${esc(c.id)}">修改</button><button class="danger" data-cam-remove="${esc(c.id)}">删除</button>` : ''}</td></tr>`).join('')
    : '<tr><td colspan="10" class="muted">尚未接入摄像头</td></tr>';
}

// Named lookups, not form.id: on a form, a field called "id" would shadow the element's own id.
const camField = (name) => $('cam-form').elements.namedItem(name);

function cameraForm(c) {
  cameraEditing = c ? c.id : null;
  $('cam-form').reset();
  if (c) {
    camField('id').value = c.id;
    camField('source').value = c.source;
    camField('role').value = c.role;
    camField('counter').value = c.counter || '';
    camField('sampleRate').value = c.sampleRate;
    camField('maxPeople').value = c.maxPeople;
    camField('enabled').checked = c.enabled;
  }
  camField('id').readOnly = !!c;
  camField('counter').disabled = camField('role').value !== 'counter';
  $('cam-form-title').textContent = c ? `修改摄像头 ${c.id}` : '添加摄像头';
  $('cam-save').textContent = c ? '保存修改' : '添加';
  $('cam-cancel').hidden = !c;
}

$('cam-list').addEventListener('click', async (e) => {
  const edit = e.target.dataset.camEdit, remove = e.target.dataset.camRemove;
  if (edit) {
    cameraForm(cameras.find((c) => c.id === edit));
    $('cam-form').scrollIntoView({ behavior: 'smooth' });
  } else if (remove && confirm(`删除摄像头 ${remove}?该窗口将不再监控在岗情况。`)) {
    if (await act(api('DELETE', `/cameras/${encodeURIComponent(remove)}`), `摄像头 ${remove} 已删除`)) {
      if (cameraEditing === remove) { cameraForm(null); }
      loadCameras();
      loadMonitor();
    }
  }
});

$('cam-cancel').addEventListener('click', () => cameraForm(null));

$('cam-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const role = f.get('role');
  // The box checks every field and answers with what to fix; the page does not second-guess it.
  const body = {
    id: String(f.get('id')).trim(), source: String(f.get('source')).trim(), role,
    counter: role === 'counter' ? String(f.get('counter')).trim() || null : null,
    sampleRate: Number(f.get('sampleRate') || 2), maxPeople: Number(f.get('maxPeople') || 1), enabled: f.get('enabled') === 'on',
  };
  const ok = cameraEditing
    ? await act(api('PUT', `/cameras/${encodeURIComponent(cameraEditing)}`, body), `摄像头 ${cameraEditing} 已保存`)
    : await act(api('POST', '/cameras', body), `摄像头 ${body.id} 已添加`);
  if (ok) {
    cameraForm(null);
    loadCameras();
    loadMonitor();
  }
});

camField('role').addEventListener('change', (e) => { camField('counter').disabled = e.target.value !== 'counter'; });
