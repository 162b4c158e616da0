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

