using System.Net;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.CountyHub.IntegrationTests;

/// <summary>
/// 下发配置 in Chromium against a hub whose real box runs the county's configuration: every hall's version, an edit
/// published as a new version and taken by the box, a bad edit refused with its problems, and only county admins.
/// </summary>
public sealed class ConfigPageTests : IClassFixture<CountyRig>
{
    private readonly CountyRig _county;

    public ConfigPageTests(CountyRig county)
    {
        _county = county;
    }

    [Fact]
    public async Task The_county_admin_sees_each_halls_version_and_publishes_a_new_one_that_the_box_takes()
    {
        var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            await page.GotoAsync(new Uri(_county.Hub.BaseUri, "login?next=%2Fconfig").ToString());
            await page.FillAsync("#user-id", "admin");
            await page.FillAsync("#password", _county.Hub.AdminPassword);
            await page.ClickAsync("#sign-in");
            await Expect(page.Locator("#cfg-current")).ToContainTextAsync("当前为第 1 版", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

            // 东岭 runs version 1 (told through its uplink); 西河 was never heard from.
            var east = page.Locator("#cfg-halls tbody tr", new PageLocatorOptions { HasText = "east-town" });
            await Eventually(page, async () => (await east.InnerTextAsync()).Contains("已是最新", StringComparison.Ordinal));
            await Expect(east).ToContainTextAsync("第 1 版");
            await Expect(page.Locator("#cfg-halls tbody tr", new PageLocatorOptions { HasText = "west-town" })).ToContainTextAsync("尚未启用县级配置");
            await Expect(page.Locator("#cfg-calendar tbody tr")).ToHaveCountAsync(39);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-config-1920.png"), FullPage = true });

            // A bad edit: two letters for a category. Refused with what is wrong; nothing published.
            await page.ClickAsync("button[data-tab=categories]");
            await page.ClickAsync("#add-category");
            var added = page.Locator("#cfg-categories tbody tr").Last;
            await added.Locator("[data-f=prefix]").FillAsync("C");
            await added.Locator("[data-f=name]").FillAsync("社会事务类");
            await page.ClickAsync("button[data-tab=items]");
            await page.ClickAsync("#add-item");
            var item = page.Locator("#cfg-items tbody tr").Last;
            await item.Locator("[data-f=code]").FillAsync("C-MZ-001");
            await item.Locator("[data-f=name]").FillAsync("临时救助申请");
            await item.Locator("[data-f=category]").FillAsync("Z");
            await item.Locator("[data-f=department]").FillAsync("民政办");
            await item.Locator("[data-f=committedDays]").FillAsync("5");
            await item.Locator("[data-f=materials]").FillAsync("居民身份证;困难情况说明〔容缺3日〕");
            await page.ClickAsync("#cfg-publish");
            await Expect(page.Locator("#cfg-message")).ToContainTextAsync("配置有误,未发布;请修改以下各处后再发布");
            await Expect(page.Locator("#cfg-problems")).ToContainTextAsync("事项 C-MZ-001:所属类别「Z」不在业务类别中");
            await page.SetViewportSizeAsync(1366, 768);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-config-refused-1366.png"), FullPage = true });

            // Corrected, with a new holiday: published as version 2.
            await item.Locator("[data-f=category]").FillAsync("C");
            await page.ClickAsync("button[data-tab=calendar]");
            await page.ClickAsync("#add-day");
            var day = page.Locator("#cfg-calendar tbody tr").Last;
            await day.Locator("[data-f=date]").FillAsync("2027-01-01");
            await day.Locator("[data-f=name]").FillAsync("元旦");
            await page.FillAsync("#cfg-note", "增加社会事务类和2027年元旦");
            await page.ClickAsync("#cfg-publish");
            await Expect(page.Locator("#cfg-message")).ToContainTextAsync("已发布第 2 版");
            await Expect(page.Locator("#cfg-current")).ToContainTextAsync("当前为第 2 版");
            await Expect(page.Locator("#cfg-versions tbody tr").First).ToContainTextAsync("增加社会事务类和2027年元旦");

            // The box takes it at its next poll and the page says so.
            await Eventually(page, async () =>
            {
                await page.ReloadAsync();
                await Expect(page.Locator("#cfg-current")).ToContainTextAsync("当前为第 2 版");
                return (await east.InnerTextAsync()).Contains("第 2 版", StringComparison.Ordinal) && (await east.InnerTextAsync()).Contains("已是最新", StringComparison.Ordinal);
            });
            await page.SetViewportSizeAsync(1366, 768);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-config-1366.png"), FullPage = true });
            using (var connection = _county.Rig.Box.Database.Open())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT count(*) FROM evaluation_service_items WHERE code = 'C-MZ-001'";
                Assert.Equal(1L, (long)command.ExecuteScalar()!);
            }

            // In the audit log, by whom.
            using var admin = await _county.SignInAsync("admin", _county.Hub.AdminPassword);
            var audit = await admin.GetStringAsync(new Uri("/api/audit", UriKind.Relative));
            Assert.Contains("发布下发配置", audit, StringComparison.Ordinal);
            Assert.Contains("第 2 版:增加社会事务类和2027年元旦", audit, StringComparison.Ordinal);
        }
        finally
        {
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task Only_a_county_admin_reads_or_publishes_the_configuration()
    {
        using var supervisor = await _county.SignInAsync("zhao.duban", CountyRig.SupervisorPassword);
        using var township = await _county.SignInAsync("li.west", CountyRig.TownshipPassword);
        using var stranger = _county.Client();
        foreach (var client in new[] { supervisor, township })
        {
            using var read = await CountyRig.SendAsync(client, HttpMethod.Get, "/api/config");
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            using var publish = await CountyRig.SendAsync(client, HttpMethod.Post, "/api/config", new { basedOn = 1, config = new { } });
            Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        }

        // The county admin reads any published version; one never published is named as such.
        using var admin = await _county.SignInAsync("admin", _county.Hub.AdminPassword);
        using (var first = await CountyRig.SendAsync(admin, HttpMethod.Get, "/api/config/versions/1"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(1, (await CountyRig.JsonAsync(first)).GetProperty("version").GetInt64());
        }

        foreach (var missing in new[] { "/api/config/versions/99", "/api/config/versions/abc" })
        {
            using var response = await CountyRig.SendAsync(admin, HttpMethod.Get, missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("hub-unknown-config-version", (await CountyRig.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        }

        using var strangerRead = await CountyRig.SendAsync(stranger, HttpMethod.Get, "/api/config");
        Assert.Equal(HttpStatusCode.Unauthorized, strangerRead.StatusCode);

        // A box's downlink poll without the box's signature gets nothing.
        using var poll = await stranger.GetAsync(new Uri("/sync/v1/downlink?config=0&after=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, poll.StatusCode);
    }

    private static async Task Eventually(IPage page, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await page.WaitForTimeoutAsync(500);
        }

        throw new TimeoutException("Not seen on the page within 90 s.");
    }

    private static string Shot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
