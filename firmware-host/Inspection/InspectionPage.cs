namespace Hall.FirmwareHost.Inspection;

/// <summary>
/// The applicant's 云踏勘 page, opened from the link staff hand over (a phone on the hall's Wi-Fi): the item's
/// inspection points and cautions before filming, the upload in resumable chunks with the time of each point, the
/// check's progress, the verdict with its reasons, and the re-filming of failed points only (online rectification).
/// </summary>
internal static class InspectionPage
{
    public const string NotFound = """
        <!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>云踏勘</title><body style="font-family:'Noto Sans CJK SC',sans-serif;padding:2em">
        <h1>链接无效</h1><p>这个云踏勘链接不完整或已失效,请向窗口工作人员重新索取二维码。</p></body></html>
        """;

    public const string Html = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>云踏勘</title>
        <style>
          body { font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; margin: 0; background: #f4f6f8; color: #1d2733; }
          header { background: #0b5cab; color: #fff; padding: 1em; }
          header h1 { margin: 0; font-size: 1.3em; }
          main { padding: 1em; max-width: 760px; margin: auto; }
          section { background: #fff; border-radius: 8px; padding: 1em; margin-bottom: 1em; box-shadow: 0 1px 3px #0002; }
          h2 { font-size: 1.1em; margin-top: 0; }
          .muted { color: #5b6775; font-size: .9em; }
          li { margin: .4em 0; }
          .badge { background: #fde7c8; color: #8a4b00; border-radius: 4px; padding: 0 .4em; font-size: .85em; }
          label.mark { display: flex; justify-content: space-between; align-items: center; margin: .4em 0; }
          label.mark input { width: 5.5em; font-size: 1em; padding: .3em; }
          button { font-size: 1.05em; padding: .6em 1.2em; border: 0; border-radius: 6px; background: #0b5cab; color: #fff; }
          button:disabled { background: #9aa9b8; }
          progress { width: 100%; height: 1.2em; }
          .pass { color: #11733b; } .fail { color: #b3261e; }
          #error { color: #b3261e; }
        </style>
        </head>
        <body>
        <header><h1 id="title">云踏勘</h1><div id="who" class="muted" style="color:#dfe9f5"></div></header>
        <main>
          <section id="rules"><h2>拍摄前请阅读</h2><div id="rules-body">正在加载…</div></section>
          <section id="upload">
            <h2 id="upload-title">上传踏勘视频</h2>
            <p id="rectify-note" class="muted" hidden></p>
            <input type="file" id="file" accept="video/*">
            <div id="marks"></div>
            <p class="muted">请填写每个踏勘要点在视频中出现的时间(分:秒,例如 1:05)。</p>
            <button id="send">开始上传</button>
            <p><progress id="bar" max="100" value="0" hidden></progress><span id="status"></span></p>
            <p id="error" role="alert"></p>
          </section>
          <section id="results" hidden><h2>核查进度与结论</h2><div id="results-body"></div></section>
        </main>
        <script>
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
        </script>
        </body>
        </html>
        """;
}
