using System.Net;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.CountyHub.IntegrationTests;

/// <summary>
/// The county staff pages in Chromium against a hub filled by a real box through its uplink: sign-in, the overview,
/// the case list, roles, the audit log, signing out. Screenshots at the desks' sizes go to bin/…/screenshots.
/// </summary>
public sealed class HubPagesTests : IClassFixture<CountyRig>
{
    private readonly CountyRig _county;

    public HubPagesTests(CountyRig county)
    {
        _county = county;
    }

    [Fact]
    public async Task The_county_admin_signs_in_and_sees_every_hall_with_its_figures_of_today()
    {
        await using var browser = await BrowserAsync();
        var page = await SignInAsync(browser, "admin", _county.Hub.AdminPassword, 1920, 1080);

        await Expect(page.Locator("#hub-county")).ToHaveTextAsync("示范县政务服务中心");
        await Expect(page.Locator("#hub-user")).ToContainTextAsync("县级管理员");
        await Expect(page.Locator("#hub-clock")).ToContainTextAsync(":");
        var east = page.Locator("#overview-table tr[data-box=east-town]");
        await Expect(east.Locator("td.hall")).ToHaveTextAsync("东岭镇便民服务中心");
        await Expect(east.Locator("td.tickets")).ToHaveTextAsync("4");
        await Expect(east.Locator("td.waiting")).ToHaveTextAsync("2");
        await Expect(east.Locator("td.satisfaction")).ToContainTextAsync("50%");
        await Expect(east.Locator("td.cases")).ToHaveTextAsync("1");
        await Expect(east.Locator("td.overdue")).ToHaveTextAsync("0");
        await Expect(east.Locator("td.sync")).ToContainTextAsync("前");
        await Expect(east).Not.ToHaveClassAsync("silent");

        // The hall enrolled but never heard from is on the list, marked.
        var west = page.Locator("#overview-table tr[data-box=west-town]");
        await Expect(west.Locator("td.sync")).ToHaveTextAsync("从未同步");
        await Expect(west).ToHaveClassAsync("silent");
        await Expect(page.Locator("#tile-silent")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-overview-1920.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 768);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-overview-1366.png"), FullPage = true });

        // Every nav entry of the admin, the users page among them.
        await Expect(page.Locator(".hub-nav a")).ToHaveCountAsync(9);
    }

    [Fact]
    public async Task The_case_list_shows_the_bad_review_with_its_hall_deadlines_and_state_and_filters_it()
    {
        await using var browser = await BrowserAsync();
        var page = await SignInAsync(browser, "zhao.duban", CountyRig.SupervisorPassword, 1920, 1080);
        await page.GotoAsync(new Uri(_county.Hub.BaseUri, "cases").ToString());

        var row = page.Locator($"#cases-table tr[data-case='{_county.CaseId}']");
        await Expect(row).ToContainTextAsync("东岭镇便民服务中心");
        await Expect(row).ToContainTextAsync(_county.BadTicket);
        await Expect(row.Locator("td.state")).ToHaveTextAsync("待回访");
        await Expect(row).ToContainTextAsync("非常不满意");
        await Expect(row.Locator("td.slot-supervise")).ToHaveAttributeAsync("data-box-id", "east-town");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-cases-1920.png"), FullPage = true });

        // Not overdue: the overdue filter leaves nothing.
        await page.SelectOptionAsync("#filter-overdue", "true");
        await Expect(page.Locator("#cases-table td.empty")).ToHaveTextAsync("没有符合条件的差评案件");
        await page.SelectOptionAsync("#filter-overdue", string.Empty);
        await page.SelectOptionAsync("#filter-box", "west-town");
        await Expect(page.Locator("#cases-table td.empty")).ToBeVisibleAsync();

        // A supervisor reads but does not manage users: no nav entry, and the page is refused.
        await Expect(page.Locator(".hub-nav a[href='/users']")).ToHaveCountAsync(0);
        var users = await page.GotoAsync(new Uri(_county.Hub.BaseUri, "users").ToString());
        Assert.Equal(403, users!.Status);
        await Expect(page.Locator("main h2")).ToHaveTextAsync("无权访问此页面");
    }

    [Fact]
    public async Task A_township_user_sees_its_own_hall_only_and_can_change_nothing()
    {
        await using var browser = await BrowserAsync();
        var page = await SignInAsync(browser, "li.west", CountyRig.TownshipPassword, 1366, 768);
        await Expect(page.Locator("#overview-table tr[data-box=west-town]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#overview-table tr[data-box=east-town]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-overview-township-1366.png"), FullPage = true });

        await page.GotoAsync(new Uri(_county.Hub.BaseUri, "cases").ToString());
        await Expect(page.Locator("#cases-table td.empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#filter-box")).ToBeDisabledAsync();

        using var township = await _county.SignInAsync("li.west", CountyRig.TownshipPassword);
        Assert.DoesNotContain("east-town", await township.GetStringAsync(new Uri("/api/cases?box=east-town", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("east-town", await township.GetStringAsync(new Uri("/api/overview", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("east-town", await township.GetStringAsync(new Uri("/api/inspections?box=east-town", UriKind.Relative)), StringComparison.Ordinal);
        using var add = await CountyRig.SendAsync(township, HttpMethod.Post, "/api/users", new { userId = "mole", name = "内鬼", role = "county-admin", password = "take-over-2026" });
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal("hub-forbidden", (await CountyRig.JsonAsync(add)).GetProperty("error").GetProperty("code").GetString());
        using var audit = await township.GetAsync(new Uri("/api/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_names_who_added_which_user_and_when_and_signing_out_ends_the_session()
    {
        await using var browser = await BrowserAsync();
        var page = await SignInAsync(browser, "admin", _county.Hub.AdminPassword, 1366, 768);
        await page.GotoAsync(new Uri(_county.Hub.BaseUri, "audit").ToString());
        var added = page.Locator("#audit-table tbody tr", new PageLocatorOptions { HasText = "添加用户" });
        await Expect(added.Filter(new LocatorFilterOptions { HasText = "李西河" })).ToContainTextAsync("管理员");
        await Expect(added.Filter(new LocatorFilterOptions { HasText = "李西河" })).ToContainTextAsync("west-town");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-audit-1366.png"), FullPage = true });

        await page.GotoAsync(new Uri(_county.Hub.BaseUri, "users").ToString());
        await Expect(page.Locator("#users-table tr[data-user='zhao.duban']")).ToContainTextAsync("赵督办");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-users-1366.png"), FullPage = true });

        // The cookie copied before signing out is worth nothing after it.
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "hall_hub");
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.SameSite == SameSiteAttribute.Strict);
        await page.ClickAsync("#hub-logout");
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        using var copy = _county.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/me", UriKind.Relative));
        request.Headers.Add("Cookie", "hall_hub=" + cookie.Value);
        using var me = await copy.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_sign_in_page_in_chinese()
    {
        await using var browser = await BrowserAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        await page.GotoAsync(new Uri(_county.Hub.BaseUri, "cases").ToString());
        Assert.Contains("/login?next=%2Fcases", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#user-id", "zhao.duban");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#login-message")).ToHaveTextAsync("账号或密码不正确,或该账号已停用。");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-login-1366.png") });

        await page.FillAsync("#password", CountyRig.SupervisorPassword);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#cases-table")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        Assert.EndsWith("/cases", page.Url, StringComparison.Ordinal);
    }

    private static async Task<AsyncBrowser> BrowserAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        return new AsyncBrowser(playwright, browser);
    }

    private async Task<IPage> SignInAsync(AsyncBrowser browser, string userId, string password, int width, int height)
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(new Uri(_county.Hub.BaseUri, "login").ToString());
        await page.FillAsync("#user-id", userId);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#hub-user")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        return page;
    }

    private static string Shot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    /// <summary>Playwright and its Chromium, closed together.</summary>
    private sealed class AsyncBrowser(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public IBrowser Browser => browser;

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
