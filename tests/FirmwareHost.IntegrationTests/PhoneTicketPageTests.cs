using System.Text;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// The page a ticket's QR code opens on a phone (390×844), through every state a person lives through: 等候中,
/// 已叫号 with the counter, 已办结 with 评价 offered only while a rating is accepted, 已评价, 已过号 and 已取消.
/// </summary>
public sealed class PhoneTicketPageTests : IAsyncLifetime
{
    private const string AdminPassword = "Shiyan-2026-hall";
    private static readonly LocatorAssertionsToContainTextOptions Within = new() { Timeout = 15_000 };

    private readonly BoxProcess _box = new("phone");
    private DeviceCredentials _kiosk = null!;
    private DeviceCredentials _caller = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _kiosk = _box.Enroll("kiosk-1", DeviceRole.Kiosk);
        _caller = _box.Enroll("caller-2", DeviceRole.Caller, "2");
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
    public async Task The_page_follows_a_ticket_from_waiting_to_called_to_done_and_offers_a_rating_only_while_it_is_taken()
    {
        var (ticketNo, qr) = await TakeTicketAsync();
        var phone = await PhoneAsync(qr);
        await Expect(phone.Locator("#ticket-no")).ToHaveTextAsync(ticketNo);
        await Expect(phone.Locator("header.hall")).ToHaveTextAsync(new Hall.FirmwareHost.Box.BoxOptions().HallName);
        await Expect(phone.Locator("#state")).ToContainTextAsync("等候中", Within);
        await Expect(phone.Locator("#rate")).ToBeHiddenAsync();

        await CounterAsync($$"""{"cmd":"call","ticketNo":"{{ticketNo}}"}""");
        await Expect(phone.Locator("#state")).ToContainTextAsync("已叫号", Within);
        await Expect(phone.Locator("#state")).ToContainTextAsync("2号窗口");
        await Expect(phone.Locator("#rate")).ToBeHiddenAsync();

        await CounterAsync("""{"cmd":"finish"}""");
        await Expect(phone.Locator("#state")).ToContainTextAsync("已办结", Within);
        await Expect(phone.Locator("#rate")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_box.DataDirectory, "phone-done.png") });

        // Rated (here through the same link's API, as the rating page does): thanked, and no second offer.
        using (var http = _box.CreateHttpsClient())
        using (var body = new StringContent("""{"requestId":"phone-1","level":5}""", Encoding.UTF8, "application/json"))
        using (var rated = await http.PostAsync(new Uri($"api/rate/{ticketNo}{new Uri(qr).Query}", UriKind.Relative), body))
        {
            Assert.True(rated.IsSuccessStatusCode, await rated.Content.ReadAsStringAsync());
        }

        await Expect(phone.Locator("#detail")).ToContainTextAsync("您已评价", Within);
        await Expect(phone.Locator("#rate")).ToBeHiddenAsync();
        Assert.DoesNotMatch("[A-Za-z]{3,}", await phone.Locator("main").InnerTextAsync());
    }

    [Fact]
    public async Task A_ticket_that_did_not_come_is_skipped_and_one_withdrawn_by_staff_is_cancelled()
    {
        var (skippedNo, skippedQr) = await TakeTicketAsync();
        var (cancelledNo, cancelledQr) = await TakeTicketAsync();
        var skipped = await PhoneAsync(skippedQr);
        var cancelled = await PhoneAsync(cancelledQr);

        await CounterAsync($$"""{"cmd":"call","ticketNo":"{{skippedNo}}"}""");
        await CounterAsync("""{"cmd":"recall"}""");
        await CounterAsync("""{"cmd":"skip"}""");
        await Expect(skipped.Locator("#state")).ToContainTextAsync("已过号", Within);
        await Expect(skipped.Locator("#detail")).ToContainTextAsync("导办台");
        await Expect(skipped.Locator("#rate")).ToBeHiddenAsync();

        using var office = LanBrowser.Create(_box, "127.0.0.61");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await office.LoginAsync("admin", AdminPassword)).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, await office.AdminPostAsync($"admin/api/tickets/{cancelledNo}/cancel"));
        await Expect(cancelled.Locator("#state")).ToContainTextAsync("已取消", Within);
        await Expect(cancelled.Locator("#rate")).ToBeHiddenAsync();
    }

    private async Task<(string TicketNo, string Qr)> TakeTicketAsync()
    {
        var ticket = await MosquittoClient.RequestAsync(_box, _kiosk, "ticket", MqttContractTests.Req("""{"category":"B"}"""));
        Assert.False(ticket.TryGetProperty("error", out var error), error.ToString());
        return (ticket.GetProperty("ticketNo").GetString()!, ticket.GetProperty("qr").GetString()!);
    }

    private async Task CounterAsync(string json)
    {
        var reply = await MosquittoClient.RequestAsync(_box, _caller, "counter", MqttContractTests.Req(json));
        Assert.False(reply.TryGetProperty("error", out var error), error.ToString());
    }

    private async Task<IPage> PhoneAsync(string qr)
    {
        var phone = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await phone.GotoAsync(qr);
        return phone;
    }
}
