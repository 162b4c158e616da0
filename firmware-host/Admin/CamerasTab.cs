namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The console's 摄像头 tab: every camera with its state (在线/离线 and why, frames received), and for admins a form
/// to add, change or remove one; cameras from the settings file are shown but changed only there. Spliced into
/// <see cref="Console"/>; the API is <see cref="CameraEndpoints"/>.
/// </summary>
internal static partial class AdminPages
{
    private const string CamerasTabHtml = """
        <div id="tab-cameras" class="tab">
          <section class="panel"><h2>摄像头</h2>
            <table><thead><tr><th>编号</th><th>用途</th><th>窗口</th><th>视频源</th><th>采样(次/秒)</th><th>人数上限</th><th>启用</th><th>状态</th><th>帧数</th><th></th></tr></thead>
              <tbody id="cam-list"></tbody></table>
            <p class="muted">视频源一般填摄像头的子码流(rtsp://用户名:密码@地址:554/…),密码在页面上显示为 ***。画面只在本厅盒子内分析,不上传。</p>
          </section>
          <section class="panel admin-only"><h2 id="cam-form-title">添加摄像头</h2>
            <form id="cam-form" class="row" autocomplete="off">
              <label>编号<input name="id" required size="10" placeholder="cam-1"></label>
              <label>视频源<input name="source" required size="40" placeholder="rtsp://admin:密码@192.168.1.64:554/Streaming/Channels/102"></label>
              <label>用途<select name="role"><option value="counter">窗口</option><option value="waiting-area">等候区</option></select></label>
              <label>窗口<input name="counter" size="4" placeholder="1"></label>
              <label>采样(次/秒)<input name="sampleRate" type="number" min="0.2" max="10" step="0.1" value="2" size="4"></label>
              <label>人数上限<input name="maxPeople" type="number" min="1" max="10" value="1" size="3"></label>
              <label class="check"><input type="checkbox" name="enabled" checked> 启用</label>
              <button type="submit" id="cam-save">添加</button>
              <button type="button" class="secondary" id="cam-cancel" hidden>取消修改</button>
            </form>
            <p class="muted">窗口摄像头看窗口内的工作人员(在岗/离岗),一个窗口只接一台;等候区摄像头数等候人数。保存后立即生效,无需重启。</p>
          </section>
          <style>
            #tab-cameras td.src { word-break:break-all; font-family:monospace; font-size:.9em; }
            #tab-cameras td button { margin:.1em; }
          </style>
        </div>
        """;

    private const string CamerasTabScript = """
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
        """;

    private static string WithCamerasTab(string html) => html
        .Replace("<!--CAMERAS-TAB-->", CamerasTabHtml, StringComparison.Ordinal)
        .Replace("/*CAMERAS-SCRIPT*/", CamerasTabScript, StringComparison.Ordinal);
}
