using System.Text.RegularExpressions;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// The console's 摄像头 tab and the presence column in Chromium, as an admin sets up counter monitoring. The box runs
/// without face models (no CounterMonitor:ModelDirectory, so {data}/models, which is empty): once a camera is added
/// the console must say so in a red banner, and cameras do not start.
/// </summary>
public sealed class CameraConsoleTests : IAsyncLifetime
{
    private const string AdminPassword = "Shiyan-2026-hall";

    private static readonly LocatorAssertionsToContainTextOptions Within = new() { Timeout = 15_000 };

    private readonly BoxProcess _box = new("cams");
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

    [Fact]
    public async Task An_admin_adds_a_counter_camera_and_the_console_shows_it_with_the_missing_models_fault_while_a_bad_id_is_refused()
    {
        // The missing or damaged model is this test's point: the box says so at error level.
        _box.ExpectErrors("Counter monitoring cannot run");
        var page = await _browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(_box.HttpsUri, "admin").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/admin/login"));
        await page.FillAsync("#staffId", "admin");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#me")).ToContainTextAsync("管理员", Within);

        // No camera yet: counter 1 shows "—" and nothing is wrong with monitoring.
        var counter1 = page.Locator("#counters-live .card").Filter(new LocatorFilterOptions { Has = page.Locator("button[data-open='1']") });
        await Expect(counter1.Locator(".presence")).ToContainTextAsync("—", Within);
        await Expect(page.Locator("#monitor-fault")).ToBeHiddenAsync();

        await page.ClickAsync("button[data-tab=cameras]");
        await Expect(page.Locator("#cam-list")).ToContainTextAsync("尚未接入摄像头", Within);

        // Add a counter camera for counter 1 whose file does not exist.
        await page.FillAsync("#cam-form [name=id]", "cam-1");
        await page.FillAsync("#cam-form [name=source]", "/nonexistent/cam.mp4");
        await page.SelectOptionAsync("#cam-form [name=role]", "counter");
        await page.FillAsync("#cam-form [name=counter]", "1");
        await Expect(page.Locator("#cam-form [name=sampleRate]")).ToHaveValueAsync("2");
        await Expect(page.Locator("#cam-form [name=maxPeople]")).ToHaveValueAsync("1");
        await page.ClickAsync("#cam-save");
        await Expect(page.Locator("#message")).ToContainTextAsync("cam-1 已添加", Within);
        var row = page.Locator("#cam-list tr[data-camera='cam-1']");
        await Expect(row).ToContainTextAsync("/nonexistent/cam.mp4", Within);
        await Expect(row).ToContainTextAsync("窗口");

        // The box has no face models: the page says so and what to do; the camera does not start.
        await Expect(page.Locator("#monitor-fault")).ToContainTextAsync("人脸模型不可用", Within);
        await Expect(page.Locator("#monitor-fault")).ToContainTextAsync("fetch-models.sh");
        await page.ClickAsync("button[data-tab=cameras]");
        await Expect(row).ToContainTextAsync("未运行", Within);

        // A bad id: the box's refusal is shown and nothing is added.
        await page.FillAsync("#cam-form [name=id]", "a b");
        await page.FillAsync("#cam-form [name=source]", "/nonexistent/other.mp4");
        await page.FillAsync("#cam-form [name=counter]", "2");
        await page.ClickAsync("#cam-save");
        await Expect(page.Locator("#message")).ToContainTextAsync("id 'a b' must be", Within);
        await Expect(page.Locator("#message")).ToHaveClassAsync(new Regex("error"));
        await page.ClickAsync("button[data-tab=cameras]");
        await Expect(page.Locator("#cam-list tr[data-camera]")).ToHaveCountAsync(1);
        var listed = await page.EvaluateAsync<int>(
            "async () => (await (await fetch('/admin/api/cameras', { headers: { 'X-Hall-Admin': '1' } })).json()).cameras.length");
        Assert.Equal(1, listed);

        // Back on the live queue: counter 1 now has a camera that sees nothing yet (未知), the banner stays.
        await page.ClickAsync("button[data-tab=live]");
        await Expect(counter1.Locator(".presence")).ToContainTextAsync("未知", Within);
        await Expect(page.Locator("#monitor-fault")).ToBeVisibleAsync();
        await Expect(page.Locator("#monitor-summary")).ToContainTextAsync("等候区人数", Within);
        Assert.Empty(errors);
    }
}
