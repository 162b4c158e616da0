using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>The admin console and the counter page in Chromium, as the duty manager and counter staff use them.</summary>
public sealed class StaffPagesTests : IAsyncLifetime
{
    private const string AdminPassword = "Shiyan-2026-hall";

    private readonly BoxProcess _box = new("staff");
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _box.Enroll("kiosk-1", Hall.Contract.DeviceRole.Kiosk);
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
    public async Task The_admin_adds_a_staff_member_who_then_signs_in_at_a_counter_and_calls_a_ticket()
    {
        var admin = await _browser.NewPageAsync();
        await admin.GotoAsync(new Uri(_box.HttpsUri, "admin").ToString());
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login"));
        await admin.FillAsync("#staffId", "admin");
        await admin.FillAsync("#password", AdminPassword);
        await admin.ClickAsync("#login button[type=submit]");
        await Expect(admin.Locator("#me")).ToContainTextAsync("管理员", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        // The staff member is created through the console's own API call, as its form does.
        var created = await admin.EvaluateAsync<int>(
            """
            async () => (await fetch('/admin/api/staff', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-Hall-Admin': '1' },
              body: JSON.stringify({ staffId: 'S007', name: '王芳', role: 'staff', pin: '4826' })
            })).status
            """);
        Assert.InRange(created, 200, 201);

        // A citizen takes a ticket at the kiosk.
        var ticket = await MosquittoClient.RequestAsync(_box, _box.Registry.Enroll("kiosk-2", Hall.Contract.DeviceRole.Kiosk, null), "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;

        // Counter 1: sign in with the PIN, call.
        var counter = await _browser.NewPageAsync();
        await WebDevices.SetUpAsync(counter, _box, "counter-page-1", Hall.Contract.DeviceRole.Caller, "1");
        await counter.GotoAsync(new Uri(_box.HttpsUri, "counter/1").ToString());
        await counter.FillAsync("#staffId", "S007");
        await counter.FillAsync("#pin", "4826");
        await counter.ClickAsync("#signin button[type=submit]");
        await Expect(counter.Locator("#staff")).ToContainTextAsync("王芳", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        // Only what does something can be pressed: 叫号 with the ticket waiting, nothing of a ticket before one is called.
        await Expect(counter.Locator("#upcoming")).ToContainTextAsync(ticketNo, new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Expect(counter.Locator("button[data-cmd=next]")).ToBeEnabledAsync();
        await Expect(counter.Locator("button[data-cmd=finish]")).ToBeDisabledAsync();
        await Expect(counter.Locator("button[data-cmd=resume]")).ToBeDisabledAsync();

        await counter.ClickAsync("button[data-cmd=next]");
        await Expect(counter.Locator("#ticket")).ToContainTextAsync(ticketNo, new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        // Serving: how long the person waited and a running service timer; nobody else is waiting, so 叫号 rests.
        await Expect(counter.Locator("#timing")).ToContainTextAsync("已等候", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Expect(counter.Locator("#timing")).ToContainTextAsync("办理");
        await Expect(counter.Locator("button[data-cmd=finish]")).ToBeEnabledAsync();
        await Expect(counter.Locator("button[data-cmd=next]")).ToBeDisabledAsync();
        await Expect(counter.Locator("#upcoming")).ToContainTextAsync("暂无等候");

        // The duty manager sees counter 1 serving that ticket on the live console.
        await Expect(admin.Locator("#counters-live")).ToContainTextAsync(ticketNo, new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        // Finished and counted: the window assessment for today shows counter 1 with one service by 王芳.
        await counter.ClickAsync("button[data-cmd=finish]");
        await Expect(counter.Locator("#ticket")).Not.ToContainTextAsync(ticketNo, new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        var served = await admin.EvaluateAsync<int>(
            """
            async () => {
              for (let i = 0; i < 50; i++) {
                const a = await (await fetch('/admin/api/assessment?period=day')).json();
                const row = (a.staff || []).find((r) => r.key === 'S007');
                if (row && row.served > 0) { return row.served; }
                await new Promise((r) => setTimeout(r, 200));
              }
              return 0;
            }
            """);
        Assert.Equal(1, served);

        // The duty manager's other tabs render without a script error: the day's assessment shows 王芳's service.
        var errors = new List<string>();
        admin.PageError += (_, e) => errors.Add(e);
        await admin.ClickAsync("button[data-tab=assessment]");
        await Expect(admin.Locator("#as-staff")).ToContainTextAsync("王芳", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Expect(admin.Locator("#as-chart-served svg")).ToBeVisibleAsync();
        await admin.ClickAsync("button[data-tab=cases]");
        await Expect(admin.Locator("#tab-cases")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_wrong_pin_is_refused_at_the_counter_and_nothing_is_called()
    {
        var counter = await _browser.NewPageAsync();
        await WebDevices.SetUpAsync(counter, _box, "counter-page-2", Hall.Contract.DeviceRole.Caller, "2");
        await counter.GotoAsync(new Uri(_box.HttpsUri, "counter/2").ToString());
        await counter.FillAsync("#staffId", "admin");
        await counter.FillAsync("#pin", "0000");
        await counter.ClickAsync("#signin button[type=submit]");

        await Expect(counter.Locator("#message")).Not.ToBeEmptyAsync(new LocatorAssertionsToBeEmptyOptions { Timeout = 15_000 });
        await Expect(counter.Locator("#staff")).ToContainTextAsync("未签到");
    }
}
