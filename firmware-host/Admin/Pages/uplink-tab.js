// The console's 上行同步 tab (markup in uplink-tab.html): the uplink to the county hub as the box sees it — state,
// last acknowledged batch, what waits to go up, the last error. The API is Admin/UplinkEndpoints.cs; times come in
// the hall's own offset and are shown as they are.

// ---- uplink (上行同步) ----
const UPLINK_STATE = {
  off: ['未配置', 'badge'], starting: ['启动中', 'badge paused'], up: ['正常', 'badge online'],
  down: ['网络中断,自动重试中', 'badge offline'], refused: ['县级中心拒绝,需处理', 'badge offline'],
};

function uplinkTime(iso) { return iso ? iso.substring(0, 19).replace('T', ' ') : ''; }

function agoText(seconds) {
  if (seconds == null) { return ''; }
  if (seconds < 60) { return '刚刚'; }
  if (seconds < 3600) { return `${Math.floor(seconds / 60)} 分钟前`; }
  if (seconds < 86400) { return `${Math.floor(seconds / 3600)} 小时前`; }
  return `${Math.floor(seconds / 86400)} 天前`;
}

function sizeText(bytes) {
  if (bytes < 1024) { return `${bytes} 字节`; }
  if (bytes < 1024 * 1024) { return `${(bytes / 1024).toFixed(1)} KB`; }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function loadUplink() {
  let r;
  try { r = await api('GET', '/uplink'); } catch (e) { say(e.message, false); return; }
  const [text, cls] = UPLINK_STATE[r.state] || [r.state, 'badge'];
  $('up-state').className = cls;
  $('up-state').textContent = text;
  $('up-hub').textContent = r.hub ? `县级中心:${r.hub}` : '未设置县级中心地址(Sync:HubUrl),记录保存在本机';
  $('up-last').textContent = r.lastSuccessAt ? `${uplinkTime(r.lastSuccessAt)}(${agoText(r.lastSuccessAgoSeconds)})` : '尚未同步';
  $('up-backlog').textContent = r.backlogEvents ? `${r.backlogEvents} 条记录,${sizeText(r.backlogBytes)}` : '无,全部已上传';
  // The message is for the hall; the code (for the technician and docs/error-codes.md) is on hover.
  $('up-error').textContent = r.lastError ? `${uplinkTime(r.lastError.at)} ${r.lastError.message}` : '无';
  $('up-error').title = r.lastError ? r.lastError.code : '';
  $('up-skew').textContent = r.hubClockOffsetSeconds == null ? '—'
    : Math.abs(r.hubClockOffsetSeconds) < 2 ? '一致' : `${r.hubClockOffsetSeconds > 0 ? '本机慢' : '本机快'} ${Math.abs(r.hubClockOffsetSeconds).toFixed(0)} 秒`;
  $('up-since').textContent = `已上传 ${r.eventsAcknowledged} 条(${r.batchesAcknowledged} 批,${sizeText(r.bytesSent)}),失败 ${r.batchesFailed} 次;每批 ${r.batchEvents} 条`;
  const d = r.downlink;
  if (d) {
    $('down-version').textContent = d.runningVersion ? `第 ${d.runningVersion} 版` : '尚未收到县级配置(使用本机初始目录)';
    $('down-since').textContent = d.appliedAt ? uplinkTime(d.appliedAt) : '—';
    $('down-note').textContent = d.note || '—';
    $('down-refused').textContent = d.refused ? `${uplinkTime(d.refused.at)} 第 ${d.refused.version} 版:${d.refused.message}` : '无';
    $('down-refused').title = d.refused ? d.refused.code : '';
    $('down-poll').textContent = d.lastPollAt ? uplinkTime(d.lastPollAt) : (d.error || '尚未查询');
  }
}
