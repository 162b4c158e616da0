using Microsoft.Playwright;

namespace Hall.Tests.Shared;

/// <summary>
/// Debian's Chromium as every page test starts it: headless, with no download of Playwright's own browser (it fails
/// here), and nothing it would fetch from the internet. A test passes what it adds, e.g. trusting one box's key.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Quiet =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArgs)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = [.. Quiet, .. extraArgs] });
    }
}
