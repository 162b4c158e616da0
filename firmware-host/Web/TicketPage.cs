namespace Hall.FirmwareHost.Web;

/// <summary>The phone page behind a ticket's QR code, in Chinese, refreshing itself.</summary>
public static class TicketPage
{
    public const string Expired = """
        <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>号票</title></head><body style="font-family:'Noto Sans CJK SC',sans-serif;padding:2em;text-align:center">
        <h2>找不到这张号票</h2><p>二维码只在取号当天有效。如需帮助,请到导办台咨询。</p></body></html>
        """;

    public const string Html = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>我的号票</title>
          <style>
            body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 0; background: #0f2a4d; color: #fff; text-align: center; }
            main { padding: 2em 1em; }
            #ticket-no { font-size: 5em; font-weight: 700; color: #ffd166; margin: .2em 0; }
            #state { font-size: 1.6em; margin: .5em 0; }
            #detail { font-size: 1.1em; color: #c8d6ea; }
            .called #state { color: #7ee2a8; font-weight: 700; }
          </style>
        </head>
        <body>
          <main>
            <div>我的号票</div>
            <div id="ticket-no">—</div>
            <div id="state">正在查询…</div>
            <div id="detail"></div>
            <p><a id="rate" href="#" style="color:#7ee2a8;font-size:1.3em">评价本次服务</a></p>
          </main>
          <script>
          (function () {
            'use strict';
            var no = decodeURIComponent(location.pathname.split('/').pop());
            var key = new URLSearchParams(location.search).get('k') || '';
            document.getElementById('ticket-no').textContent = no;
            // The same key opens the rating page (好差评) for this ticket; it works once.
            document.getElementById('rate').href = '/rate/' + encodeURIComponent(no) + '?k=' + encodeURIComponent(key);
            function show(t) {
              var state = document.getElementById('state'), detail = document.getElementById('detail');
              document.body.classList.toggle('called', t.status === 'called');
              if (t.status === 'called') {
                state.textContent = '请到 ' + (t.counterName || (t.counter + '号窗口')) + ' 办理';
                detail.textContent = '';
              } else if (t.status === 'waiting') {
                state.textContent = '前面还有 ' + t.waitingAhead + ' 人';
                detail.textContent = '预计等待约 ' + t.estimatedWaitMinutes + ' 分钟,叫号时请留意大厅屏幕和广播';
              } else if (t.status === 'done') {
                state.textContent = '已叫号';
                detail.textContent = '如错过叫号,请到导办台咨询';
              } else {
                state.textContent = (t.error && t.error.message) || '查询失败';
              }
            }
            function refresh() {
              fetch('/api/tickets/' + encodeURIComponent(no) + '?k=' + encodeURIComponent(key), { cache: 'no-store' })
                .then(function (r) { return r.json(); })
                .then(show)
                .catch(function () { document.getElementById('detail').textContent = '网络不稳定,正在重试…'; });
            }
            refresh();
            setInterval(refresh, 5000);
          })();
          </script>
        </body>
        </html>
        """;
}
