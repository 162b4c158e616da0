namespace Hall.FirmwareHost.Admin;

internal static partial class AdminPages
{
    public static string Login { get; } = LoginHtml.Replace("/*STYLE*/", Style, StringComparison.Ordinal);

    private const string LoginHtml = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>管理页登录</title>
          <style>/*STYLE*/
            form { max-width:420px; margin:8vh auto; background:var(--panel); border:1px solid var(--line); border-radius:12px; padding:1.5em; }
            form label { display:flex; margin:0 0 1em; }
            form button { width:100%; }
          </style>
        </head>
        <body>
          <header><h1>便民服务中心 · 管理页</h1></header>
          <form id="login" autocomplete="off">
            <h2>值班长 / 管理员登录</h2>
            <label>工号<input id="staffId" name="staffId" required autocapitalize="off" autofocus></label>
            <label>密码<input id="password" name="password" type="password" required></label>
            <button type="submit" id="submit">登录</button>
            <p id="message" class="message error" role="alert"></p>
            <p class="muted">窗口人员请在窗口页用工号和 PIN 签到。</p>
          </form>
          <script>
            const form = document.getElementById('login');
            const message = document.getElementById('message');
            form.addEventListener('submit', async (event) => {
              event.preventDefault();
              message.textContent = '';
              document.getElementById('submit').disabled = true;
              try {
                const response = await fetch('/admin/api/login', {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json', 'X-Hall-Admin': '1' },
                  body: JSON.stringify({ staffId: document.getElementById('staffId').value.trim(), password: document.getElementById('password').value })
                });
                if (response.ok) {
                  const back = new URLSearchParams(location.search).get('ReturnUrl');
                  location.href = back && back.startsWith('/admin') && !back.startsWith('//') ? back : '/admin';
                  return;
                }
                const body = await response.json().catch(() => null);
                message.textContent = body && body.error ? body.error.message : '登录失败 (' + response.status + ')';
              } catch (e) {
                message.textContent = '连不上盒子,请检查网络后重试。';
              } finally {
                document.getElementById('submit').disabled = false;
                document.getElementById('password').value = '';
              }
            });
          </script>
        </body>
        </html>
        """;
}
