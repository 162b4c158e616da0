using Hall.Contract;

namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The admin console, sign-in and counter pages: real files in Admin/Pages, embedded in the assembly so the box needs
/// no web root and no CDN. <c>admin.css</c> is their shared look (large touch targets for a tablet at the duty desk
/// or a counter). The console is <c>console.html</c>, <c>console.css</c> and <c>console.js</c>, and each of its later
/// tabs is a fragment with its own script: <c>assessment-tab</c> (窗口考核), <c>cases-tab</c> (差评回访),
/// <c>cameras-tab</c> (摄像头), <c>inspections-tab</c> (云踏勘) and <c>uplink-tab</c> (上行同步), each <c>.html</c>, <c>.css</c> and <c>.js</c>.
/// </summary>
internal static class AdminPages
{
    public static string Console { get; } = Load("console.html");

    public static string Login { get; } = Load("login.html");

    public static string Counter { get; } = Load("counter.html");

    private static string Load(string name) => PageFiles.Load(typeof(AdminPages).Assembly, name);
}
