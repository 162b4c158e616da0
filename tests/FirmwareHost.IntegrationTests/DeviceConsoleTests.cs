using System.Text.RegularExpressions;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// The console's 设备 tab in Chromium, on the hall's office TV and an old 1366×768 screen: the box's certificate for the
/// technician to compare, a rating tablet enrolled as a web device with its one-time setup link, and the table telling
/// a browser device from an MQTT one, in Chinese.
/// </summary>
public sealed class DeviceConsoleTests : IAsyncLifetime
{
    private const string AdminPassword = "Shiyan-2026-hall";

    private static readonly LocatorAssertionsToContainTextOptions Within = new() { Timeout = 15_000 };

    private readonly BoxProcess _box = new("devcon");
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        await _box.StartAsync($"--Staff:BootstrapAdminPassword={AdminPassword}");
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright, _box.ChromiumTrustArgument);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _box.DisposeAsync();
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1366, 768)]
    public async Task An_admin_enrolls_a_rating_tablet_as_a_web_device_and_the_table_shows_its_setup_state(int width, int height)
    {
        _box.Enroll($"kiosk-{width}", Hall.Contract.DeviceRole.Kiosk);
        // The office PC's clock is in another zone: the console still shows the hall's own time and name.
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = "America/New_York" });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(_box.HttpsUri, "admin").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/admin/login"));
        await page.FillAsync("#staffId", "admin");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#me")).ToContainTextAsync("管理员", Within);
        await page.ClickAsync("button[data-tab=devices]");

        // The certificate the technician compares with what a device shows.
        var sha = _box.CertificateSha256.ToLowerInvariant();
        await Expect(page.Locator("#box-cert-sha256")).ToHaveTextAsync(string.Join(':', Enumerable.Range(0, sha.Length / 2).Select(i => sha.Substring(i * 2, 2))), new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        await Expect(page.Locator("#hall-name")).ToHaveTextAsync(new Hall.FirmwareHost.Box.BoxOptions().HallName);

        // An MQTT kiosk: its role in Chinese, offline until it connects, enrolled at the hall's time.
        var kiosk = page.Locator("#devices tr", new PageLocatorOptions { HasText = $"kiosk-{width}" });
        await Expect(kiosk).ToContainTextAsync("取号机", Within);
        var enrolled = _box.Registry.List().Single(d => d.DeviceId == $"kiosk-{width}").EnrolledAt;
        var hallTime = TimeZoneInfo.ConvertTime(enrolled, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        await Expect(kiosk).ToContainTextAsync(hallTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(kiosk).ToContainTextAsync("离线");

        // A rating tablet for counter 2, as a web device: a setup link instead of a password.
        var tabletId = $"tablet-{width}";
        await page.SelectOptionAsync("#device-add select[name=role]", "evaluator");
        await page.FillAsync("#device-add input[name=deviceId]", tabletId);
        await page.FillAsync("#device-add input[name=counter]", "2");
        await page.CheckAsync("#device-add input[name=web]");
        await page.ClickAsync("#device-add button[type=submit]");
        await Expect(page.Locator("#cred-setup")).ToBeVisibleAsync();
        var setupUrl = (await page.Locator("#cred-url").TextContentAsync())!.Trim();
        Assert.Contains("/setup/", setupUrl, StringComparison.Ordinal);
        await Expect(page.Locator("#cred-mqtt")).ToBeHiddenAsync();
        await Expect(page.Locator("#cred-cert")).ToHaveTextAsync(await page.Locator("#box-cert-sha256").TextContentAsync() ?? string.Empty);
        var tablet = page.Locator("#devices tr", new PageLocatorOptions { HasText = tabletId });
        await Expect(tablet).ToContainTextAsync("评价器", Within);
        await Expect(tablet).ToContainTextAsync("网页");
        await Expect(tablet).ToContainTextAsync("待打开设置链接");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_box.DataDirectory, $"devices-{width}.png"), FullPage = true });

        // The tablet's own browser opens the link once and presses 登记本设备.
        var tabletPage = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await tabletPage.GotoAsync(setupUrl);
        await tabletPage.ClickAsync("#setup-submit");
        await Expect(tabletPage).Not.ToHaveURLAsync(new Regex("/setup/"));

        await page.ClickAsync("button[data-tab=live]");
        await page.ClickAsync("button[data-tab=devices]");
        await Expect(tablet).ToContainTextAsync("已设置", Within);

        // No English word reaches the table or the form.
        var text = await page.Locator("#tab-devices").InnerTextAsync();
        Assert.DoesNotMatch(new Regex(@"\b(kiosk|caller|display|evaluator|MQTT|online|offline)\b"), Regex.Replace(text, @"(kiosk|tablet)-\d+", string.Empty));
        Assert.Empty(errors);
    }
}
