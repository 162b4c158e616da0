namespace Hall.Display;

/// <summary>The display pages, embedded in the assembly so the box serves them with no web root and no CDN.</summary>
internal static class DisplayPages
{
    public static string Hall { get; } = Load("hall.html");

    public static string Counter { get; } = Load("counter.html");

    public static string Kiosk { get; } = Load("kiosk.html");

    private static string Load(string name)
    {
        using var stream = typeof(DisplayPages).Assembly.GetManifestResourceStream("Hall.Display.Pages." + name)
            ?? throw new InvalidOperationException($"The page {name} is missing from Hall.Display.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
