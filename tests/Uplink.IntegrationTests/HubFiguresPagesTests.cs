using System.Globalization;
using System.Net;
using System.Text;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.Uplink.IntegrationTests;

/// <summary>
/// The county's figure pages in Chromium, against a hub filled by two real boxes through the uplink: 东岭镇's box holds
/// simulated days of October and November in its outbox (tests/Shared/HallDay: the box's own event shapes), 西河乡's only
/// October. What the pages show is checked against the events the boxes held, counted here by hand.
/// </summary>
public sealed class HubFiguresPagesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task A_hall_page_and_the_county_report_show_what_the_boxes_sent()
    {
        await using var rig = await UplinkRig.StartHubAsync("east-town");
        DateOnly[] november = [new(2026, 11, 2), new(2026, 11, 3), new(2026, 11, 4), new(2026, 11, 5), new(2026, 11, 6)];
        DateOnly[] october = [new(2026, 10, 29), new(2026, 10, 30)];
        var east = october.Concat(november).SelectMany(d => HallDay.Generate(d, Shanghai, new Random(d.DayNumber), 40)).ToList();
        HallDay.Seed(rig.Box.Database, east);
        await rig.StartBoxAsync("--Box:HallName=东岭镇便民服务中心");

        await using var west = new Hall.FirmwareHost.IntegrationTests.BoxProcess("west-town");
        HallDay.Seed(west.Database, october.SelectMany(d => HallDay.Generate(d, Shanghai, new Random(d.DayNumber + 7), 30)));
        await west.StartAsync([.. rig.Enroll(west), "--Sync:Interval=00:00:00.200", "--Sync:MinBackoff=00:00:00.050", "--Box:HallName=西河乡便民服务中心"]);
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(2));
        await WaitForAllAsync(rig, west);

        // By hand, from what 东岭镇's box held: November's services, and 满意率 as the box counts it (levels 3–5 over rated).
        var novemberEvents = east.Where(e => TimeZoneInfo.ConvertTime(e.At, Shanghai).Month == 11).ToList();
        var served = novemberEvents.Count(e => e.Type == "TicketFinished");
        var rated = novemberEvents.Where(e => e.Type == "RatingAccepted").ToList();
        var satisfaction = Math.Round(100.0 * rated.Count(e => e.Level >= 3) / rated.Count, 2);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        // County staff's browsers are Chinese: the month and date pickers speak it.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, rig.Hub, "admin", rig.Hub.AdminPassword);

        // A hall's month: every day, its total beside October, the trend charts.
        await page.GotoAsync(new Uri(rig.Hub.BaseUri, "halls/east-town?month=2026-11").ToString());
        await Expect(page.Locator("#hall-title")).ToHaveTextAsync("东岭镇便民服务中心 · 2026年11月", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Expect(page.Locator("#hall-kpis .kpi").Nth(1)).ToContainTextAsync(served.ToString("N0", CultureInfo.GetCultureInfo("zh-CN")));
        await Expect(page.Locator("#hall-kpis .kpi").Nth(5)).ToContainTextAsync(Percent(satisfaction));
        await Expect(page.Locator("#hall-kpis .kpi").Nth(1)).ToContainTextAsync("较上月");
        await Expect(page.Locator("#hall-table tbody tr")).ToHaveCountAsync(32);
        await Expect(page.Locator("#hall-table tbody tr").Nth(2)).ToContainTextAsync("2026-11-03");
        await Expect(page.Locator("#hall-table tbody tr").Nth(6)).ToContainTextAsync("无评价");
        Assert.True(await page.Locator("#volume-chart svg rect").CountAsync() >= november.Length, "a column per day served");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-hall-month-1920.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 768);
        await Expect(page.Locator("#volume-chart svg")).ToHaveAttributeAsync("viewBox", new System.Text.RegularExpressions.Regex("^0 0 1[0-9]{3} "));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-hall-month-1366.png"), FullPage = true });

        // The year: October and November as months.
        await page.SelectOptionAsync("#grain", "year");
        await page.FillAsync("#year", "2026");
        await page.ClickAsync("#hall-form button[type=submit]");
        await Expect(page.Locator("#hall-title")).ToHaveTextAsync("东岭镇便民服务中心 · 2026年");
        await Expect(page.Locator("#hall-table tbody tr").Nth(10)).ToContainTextAsync(served.ToString("N0", CultureInfo.GetCultureInfo("zh-CN")));

        // Across halls: both halls, the ranking; CSV for Excel (BOM, Chinese header, numbers as numbers).
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(new Uri(rig.Hub.BaseUri, "figures?month=2026-11").ToString());
        await Expect(page.Locator("#figures-table tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#ranking-chart")).ToContainTextAsync("无评价");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-figures-1920.png"), FullPage = true });
        var csv = await page.APIRequest.GetAsync(new Uri(rig.Hub.BaseUri, "api/figures.csv?month=2026-11").ToString());
        var bytes = await csv.BodyAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.StartsWith("期间,编号,名称,取号量,办件量", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"2026-11,east-town,东岭镇便民服务中心,{november.Length * 40},{served},", lines[1], StringComparison.Ordinal);

        // The printable county report: A4, the summary's figures, the silent hall named, never a 满意率 it has not got.
        await page.GotoAsync(new Uri(rig.Hub.BaseUri, "report?month=2026-11").ToString());
        await Expect(page.Locator("#r-sub")).ToHaveTextAsync("2026年11月(2026-11-01 至 2026-11-30)", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Expect(page.Locator("#r-summary")).ToContainTextAsync($"办结 {served} 件");
        await Expect(page.Locator("#r-summary")).ToContainTextAsync($"满意率 {Percent(satisfaction)}");
        await Expect(page.Locator("#r-notices")).ToContainTextAsync("西河乡便民服务中心:本月无数据上报");
        await Expect(page.Locator("#r-ranking")).ToContainTextAsync("本月无评价,不参与排名");
        await Expect(page.Locator("#r-changes")).ToContainTextAsync("办件量");
        Assert.True(await page.Locator("#r-trend svg rect").CountAsync() >= november.Length, "the county's daily trend");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-report-screen.png"), FullPage = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        await Expect(page.Locator("#hub-shell")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-report-print.png"), FullPage = true });
        await page.PdfAsync(new PagePdfOptions { Path = Shot("hub-report.pdf"), Format = "A4", PrintBackground = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Screen });

        // A month with nothing rated anywhere is said so, not ranked.
        await page.GotoAsync(new Uri(rig.Hub.BaseUri, "report?month=2026-09").ToString());
        await Expect(page.Locator("#r-praise")).ToContainTextAsync("本月全县未收到群众评价,不评比满意率。", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Expect(page.Locator("#r-summary")).ToContainTextAsync("不计满意率");

        // Bad input: a clear message, nothing shown as if it were figures.
        var bad = await page.APIRequest.GetAsync(new Uri(rig.Hub.BaseUri, "api/report?month=2026-13").ToString());
        Assert.Equal(400, bad.Status);
        Assert.Contains("请写成 2026-11", await bad.TextAsync(), StringComparison.Ordinal);

        // A township user sees its own hall only, and no county report; a stranger nothing.
        var created = await page.APIRequest.PostAsync(new Uri(rig.Hub.BaseUri, "api/users").ToString(), new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-Hall-Hub"] = "1" },
            DataObject = new { userId = "east-clerk", name = "东岭镇查看", role = "township", boxId = "east-town", password = "Dongling-2026-view" },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var township = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var clerk = await township.NewPageAsync();
        await SignInAsync(clerk, rig.Hub, "east-clerk", "Dongling-2026-view");
        Assert.Equal(200, (await clerk.APIRequest.GetAsync(new Uri(rig.Hub.BaseUri, "api/halls/east-town/figures?month=2026-11").ToString())).Status);
        Assert.Equal(404, (await clerk.APIRequest.GetAsync(new Uri(rig.Hub.BaseUri, "api/halls/west-town/figures?month=2026-10").ToString())).Status);
        Assert.Equal(403, (await clerk.APIRequest.GetAsync(new Uri(rig.Hub.BaseUri, "api/report?month=2026-11").ToString())).Status);
        var own = await clerk.APIRequest.GetAsync(new Uri(rig.Hub.BaseUri, "api/figures.csv?month=2026-10").ToString());
        Assert.DoesNotContain("west-town", Encoding.UTF8.GetString(await own.BodyAsync()), StringComparison.Ordinal);
        using var stranger = rig.Hub.Stranger();
        foreach (var path in new[] { "api/report?month=2026-11", "api/figures.csv", "api/halls/east-town/figures" })
        {
            using var response = await stranger.GetAsync(new Uri(rig.Hub.BaseUri, path));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private static async Task WaitForAllAsync(UplinkRig rig, Hall.FirmwareHost.IntegrationTests.BoxProcess west)
    {
        var expected = 0;
        using (var connection = west.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM outbox";
            expected = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        await Eventually.HoldsAsync(async () => (await rig.HubEventsAsync("west-town")).Count >= expected, "every event of west at the hub");
    }

    private static async Task SignInAsync(IPage page, HubProcess hub, string user, string password)
    {
        await page.GotoAsync(new Uri(hub.BaseUri, "login").ToString());
        await page.FillAsync("#user-id", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#hub-shell nav")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Shot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
