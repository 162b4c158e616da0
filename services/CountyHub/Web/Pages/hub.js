// The county hub's shell: builds the header (county name, the county clock, the user, 退出) and the nav into
// <div id="hub-shell"></div>, and gives every page Hub.api (fetch with the page header; a lapsed session goes to the
// sign-in page), Hub.esc, and Hub.start(fn) which calls fn(me) once the user is known.
(function () {
  'use strict';
  // Nav of the shared plan; roles: who sees the entry (the server checks again on every request).
  var NAV = [
    { href: '/', text: '全县总览', roles: ['county-admin', 'supervisor', 'township'] },
    { href: '/figures', text: '统计分析', roles: ['county-admin', 'supervisor', 'township'] },
    { href: '/report', text: '月度通报', roles: ['county-admin', 'supervisor'] },
    { href: '/cases', text: '差评回访', roles: ['county-admin', 'supervisor', 'township'] },
    { href: '/inspections', text: '云踏勘', roles: ['county-admin', 'supervisor', 'township'] },
    { href: '/config', text: '下发配置', roles: ['county-admin'] },
    { href: '/villages', text: '村级代办点', roles: ['county-admin', 'supervisor', 'township'] },
    { href: '/audit', text: '审计日志', roles: ['county-admin', 'supervisor'] },
    { href: '/users', text: '用户管理', roles: ['county-admin'] }
  ];

  function esc(value) {
    return String(value === null || value === undefined ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function toLogin() {
    location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
  }

  // JSON in and out; a refusal becomes an Error with the server's Chinese message.
  function api(path, options) {
    options = options || {};
    var init = { method: options.method || 'GET', headers: { 'X-Hall-Hub': '1' }, credentials: 'same-origin' };
    if (options.body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    return fetch(path, init).then(function (response) {
      if (response.status === 401 && !options.noRedirect) {
        toLogin();
        return new Promise(function () {});
      }
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!response.ok) {
          var message = data && data.error ? data.error.message : '服务器未能完成请求(' + response.status + '),请稍后再试。';
          var error = new Error(message);
          error.code = data && data.error ? data.error.code : 'http-' + response.status;
          throw error;
        }
        return data;
      });
    });
  }

  var me = null;
  var skewMs = 0;

  function clockText() {
    var now = new Date(Date.now() + skewMs);
    try {
      var day = new Intl.DateTimeFormat('zh-CN', { timeZone: me.timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(now);
      var time = new Intl.DateTimeFormat('zh-CN', { timeZone: me.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
      return day + ' ' + time;
    } catch (e) {
      return now.toLocaleString('zh-CN');
    }
  }

  function buildShell() {
    var holder = document.getElementById('hub-shell');
    if (!holder) { return; }
    var path = location.pathname;
    var links = NAV.filter(function (n) { return n.roles.indexOf(me.user.role) >= 0; }).map(function (n) {
      var current = n.href === '/' ? path === '/' : path.indexOf(n.href) === 0;
      return '<a href="' + n.href + '"' + (current ? ' class="current" aria-current="page"' : '') + '>' + esc(n.text) + '</a>';
    }).join('');
    var scope = me.user.boxId ? '(' + esc(me.user.boxId) + ')' : '';
    holder.innerHTML =
      '<header class="hub-header"><h1 id="hub-county">' + esc(me.countyName) + '</h1>' +
      '<span class="hub-clock" id="hub-clock"></span>' +
      '<span class="hub-user"><span id="hub-user">' + esc(me.user.name) + ' · ' + esc(me.user.roleLabel) + scope + '</span>' +
      '<button type="button" id="hub-logout">退出</button></span></header>' +
      '<nav class="hub-nav" aria-label="导航">' + links + '</nav>';
    var clock = document.getElementById('hub-clock');
    clock.textContent = clockText();
    setInterval(function () { clock.textContent = clockText(); }, 1000);
    document.getElementById('hub-logout').addEventListener('click', function () {
      api('/api/logout', { method: 'POST', noRedirect: true }).then(function () { location.href = '/login'; }, function () { location.href = '/login'; });
    });
  }

  // A date-time of the server (UTC ISO) in the county's clock: "12-03 14:05".
  function time(iso, withDate) {
    if (!iso) { return ''; }
    var options = { timeZone: me ? me.timeZone : undefined, hour: '2-digit', minute: '2-digit', hour12: false };
    if (withDate !== false) { options.month = '2-digit'; options.day = '2-digit'; }
    try { return new Intl.DateTimeFormat('zh-CN', options).format(new Date(iso)); } catch (e) { return iso; }
  }

  // A duration in seconds as people say it: 45秒, 12分钟, 3小时20分, 2天.
  function ago(seconds) {
    if (seconds === null || seconds === undefined) { return '从未'; }
    seconds = Math.max(0, Math.round(seconds));
    if (seconds < 60) { return seconds + '秒'; }
    if (seconds < 3600) { return Math.floor(seconds / 60) + '分钟'; }
    if (seconds < 86400) { var h = Math.floor(seconds / 3600); var m = Math.floor((seconds % 3600) / 60); return h + '小时' + (m ? m + '分' : ''); }
    return Math.floor(seconds / 86400) + '天';
  }

  var waiting = [];
  function start(fn) {
    if (me) { fn(me); } else { waiting.push(fn); }
  }

  window.Hub = { api: api, esc: esc, start: start, time: time, ago: ago, me: function () { return me; } };

  document.addEventListener('DOMContentLoaded', function () {
    if (document.body.hasAttribute('data-public')) { return; }
    api('/api/me').then(function (data) {
      me = data;
      skewMs = new Date(data.now).getTime() - Date.now();
      buildShell();
      waiting.forEach(function (fn) { fn(me); });
      waiting = [];
    }, function (error) {
      var holder = document.getElementById('hub-shell');
      if (holder) { holder.textContent = error.message; }
    });
  });
})();
