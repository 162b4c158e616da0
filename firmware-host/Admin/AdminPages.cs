namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The admin, sign-in and counter pages: plain HTML, CSS and JS in the assembly, so the box needs no
/// web root and no CDN. Each page lives in its own file as a raw string.
/// </summary>
internal static partial class AdminPages
{
    /// <summary>Shared look: large touch targets for a tablet at the duty desk or a counter.</summary>
    private const string Style = """
        :root { --bg:#f3f5f9; --panel:#fff; --text:#1c2533; --muted:#66738a; --accent:#1565c0; --ok:#2e7d32; --warn:#ef6c00; --bad:#c62828; --line:#dde3ec; }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--text); font:16px/1.5 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif; }
        header { display:flex; align-items:center; justify-content:space-between; gap:1em; background:var(--accent); color:#fff; padding:.6em 1em; flex-wrap:wrap; }
        header h1 { font-size:1.25em; margin:0; }
        main { padding:1em; max-width:1200px; margin:0 auto; }
        section.panel { background:var(--panel); border:1px solid var(--line); border-radius:10px; padding:1em; margin-bottom:1em; }
        h2 { font-size:1.1em; margin:0 0 .6em; }
        table { width:100%; border-collapse:collapse; }
        th, td { text-align:left; padding:.45em .5em; border-bottom:1px solid var(--line); vertical-align:middle; }
        th { color:var(--muted); font-weight:600; font-size:.9em; }
        button, .button { font:inherit; min-height:44px; padding:.4em 1em; border-radius:8px; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; }
        button.secondary { background:#fff; color:var(--accent); }
        button.danger { background:var(--bad); border-color:var(--bad); }
        button:disabled { opacity:.45; cursor:default; }
        input, select { font:inherit; min-height:44px; padding:.3em .6em; border:1px solid var(--line); border-radius:8px; background:#fff; }
        label { display:inline-flex; flex-direction:column; gap:.2em; margin:0 .8em .6em 0; color:var(--muted); font-size:.9em; }
        label.check { flex-direction:row; align-items:center; }
        .row { display:flex; flex-wrap:wrap; align-items:flex-end; gap:.4em; }
        .muted { color:var(--muted); }
        .badge { display:inline-block; padding:.1em .7em; border-radius:999px; font-size:.85em; background:#e8ecf3; }
        .open, .online { background:#e3f4e5; color:var(--ok); }
        .paused, .locked { background:#fff1e0; color:var(--warn); }
        .closed, .offline, .revoked, .inactive { background:#fde8e8; color:var(--bad); }
        .message { min-height:1.5em; margin:.5em 0; }
        .message.error { color:var(--bad); }
        .message.ok { color:var(--ok); }
        """;
}
