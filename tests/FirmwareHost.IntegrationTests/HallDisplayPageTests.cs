using System.Collections.Concurrent;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>The hall display page in Debian's Chromium, as the public in the waiting area sees it.</summary>
public sealed class HallDisplayPageTests : IClassFixture<BoxFixture>
{
    private readonly BoxFixture _f;

    public HallDisplayPageTests(BoxFixture fixture) => _f = fixture;

    [Fact]
    public async Task The_hall_display_shows_and_speaks_a_call_within_a_second_of_the_callers_command()
    {
        // A first call, so the page has a board to show once it is connected.
        await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req("""{"cmd":"next"}"""));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, "--autoplay-policy=no-user-gesture-required");
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var audio = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/audio/", StringComparison.Ordinal) && response.Status is 200 or 206)
            {
                audio.Enqueue(response.Url);
            }
        };

        await page.GotoAsync(new Uri(_f.Box.BaseUri, "display/hall").ToString());
        await Expect(page.GetByTestId("recent-call").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });

        // Browsers hold back sound until someone touches the page once; the hall staff do that at opening.
        if (await page.Locator("#audio-unlock").IsVisibleAsync())
        {
            await page.Locator("#audio-unlock").ClickAsync();
        }

        // The board says whose hall it is (Box:HallName).
        await Expect(page.GetByTestId("hall-name")).ToHaveTextAsync(new Hall.FirmwareHost.Box.BoxOptions().HallName);

        var ticket = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", MqttContractTests.Req("""{"category":"B"}"""));
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;
        JsonElementOrFail(await MosquittoClient.RequestAsync(_f.Box, _f.Caller2, "counter", MqttContractTests.Req($$"""{"cmd":"call","ticketNo":"{{ticketNo}}"}""")));

        // The issue's promise to the waiting room: the call is on screen within a second of the command.
        await Expect(page.Locator("#current-ticket")).ToHaveTextAsync(ticketNo, new LocatorAssertionsToHaveTextOptions { Timeout = 1_000 });
        await Expect(page.Locator("#current-counter")).ToContainTextAsync("2");
        await Expect(page.GetByTestId("recent-calls")).ToContainTextAsync(ticketNo);

        // And it is spoken: the page fetched the announcement's audio from the box.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (audio.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(audio.IsEmpty, "The page never played a call announcement.");
        using var http = new HttpClient();
        using var wav = await http.GetAsync(new Uri(audio.Last()));
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType?.MediaType);
        var bytes = await wav.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task The_touch_kiosk_page_issues_a_ticket_through_the_same_queue()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await WebDevices.SetUpAsync(page, _f.Box, "web-kiosk-1", Hall.Contract.DeviceRole.Kiosk);
        await Expect(page).ToHaveURLAsync(new Uri(_f.Box.BaseUri, "kiosk").ToString());

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "公民类" }).First.ClickAsync();

        var ticketNo = page.Locator("#ticket-no");
        await Expect(ticketNo).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^A[0-9]{3}$"), new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        // The next MQTT ticket in the same category follows the page's number.
        var pageNumber = int.Parse((await ticketNo.TextContentAsync())![1..], System.Globalization.CultureInfo.InvariantCulture);
        var next = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        Assert.Equal(pageNumber + 1, int.Parse(next.GetProperty("ticketNo").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_tickets_qr_code_opens_its_page_on_a_phone_and_a_forged_one_does_not()
    {
        var ticket = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", MqttContractTests.Req("""{"category":"B"}"""));
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;
        var qr = ticket.GetProperty("qr").GetString()!;
        // Phones are on the public Wi-Fi: the QR code is the HTTPS link.
        Assert.StartsWith($"https://127.0.0.1:{_f.Box.HttpsPort}/t/{ticketNo}?k=", qr, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, _f.Box.ChromiumTrustArgument);
        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await phone.GotoAsync(qr);
        await Expect(phone.Locator("#ticket-no")).ToHaveTextAsync(ticketNo);
        await Expect(phone.Locator("#state")).ToContainTextAsync("前面还有", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        var forged = await phone.GotoAsync(qr[..^4] + "0000");
        Assert.Equal(404, forged!.Status);
    }

    private static void JsonElementOrFail(System.Text.Json.JsonElement reply) =>
        Assert.False(reply.TryGetProperty("error", out var error), error.ToString());
}
