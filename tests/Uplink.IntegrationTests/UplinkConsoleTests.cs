using Hall.Contract;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.Uplink.IntegrationTests;

/// <summary>The console's 上行同步 tab in Chromium, as the hall's duty manager reads it: the link up, then down.</summary>
public sealed class UplinkConsoleTests
{
    private const string AdminPassword = "Shiyan-2026-hall";

    [Fact]
    public async Task The_duty_manager_sees_the_link_up_then_down_with_what_waits_to_go_up()
    {
        await using var rig = await UplinkRig.StartHubAsync("console-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        await rig.StartBoxAsync($"--Staff:BootstrapAdminPassword={AdminPassword}");
        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 3);
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));

        // A stranger on the hall's Wi-Fi gets nothing of it, not even where the county hub is.
        using (var stranger = new HttpClient(rig.Box.TrustBox(new HttpClientHandler())))
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(rig.Box.HttpsUri, "admin/api/uplink")))
        {
            request.Headers.Add("X-Hall-Admin", "1");
            using var response = await stranger.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("127.0.0.1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, rig.Box.ChromiumTrustArgument);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        await page.GotoAsync(new Uri(rig.Box.HttpsUri, "admin").ToString());
        await page.FillAsync("#staffId", "admin");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#me")).ToContainTextAsync("管理员", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        await page.ClickAsync("nav button[data-tab=uplink]");
        await Expect(page.Locator("#up-state")).ToHaveTextAsync("正常");
        await Expect(page.Locator("#up-backlog")).ToHaveTextAsync("无,全部已上传");
        await Expect(page.Locator("#up-last")).ToContainTextAsync("刚刚");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("uplink-console-up.png") });

        // The county's link goes down; the hall keeps working and the tab says what waits.
        rig.Proxy.Refusing = true;
        rig.Proxy.CutAll();
        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 2);
        await Eventually.HoldsAsync(async () => await rig.BoxMetricAsync("hall_sync_state{state=\"down\"}") == 1, "the link down");
        await Eventually.HoldsAsync(async () => await rig.BoxMetricAsync("hall_sync_backlog_events") > 0, "the backlog counted");
        await page.ClickAsync("nav button[data-tab=live]");
        await page.ClickAsync("nav button[data-tab=uplink]");
        await Expect(page.Locator("#up-state")).ToHaveTextAsync("网络中断,自动重试中");
        await Expect(page.Locator("#up-backlog")).ToContainTextAsync("条记录");
        await Expect(page.Locator("#up-error")).ToContainTextAsync("连接");
        await Expect(page.Locator("#up-error")).ToHaveAttributeAsync("title", "sync-link-down");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("uplink-console-down.png") });
    }

    private static string Shot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
