using Hall.Contract;

namespace Hall.Display;

/// <summary>
/// The display pages, real files in Pages (each page's .html, .css and .js) embedded in the assembly so the box serves
/// them with no web root and no CDN.
/// </summary>
internal static class DisplayPages
{
    public static string Hall { get; } = Load("hall.html");

    public static string Counter { get; } = Load("counter.html");

    public static string Kiosk { get; } = Load("kiosk.html");

    private static string Load(string name) => PageFiles.Load(typeof(DisplayPages).Assembly, name);
}
