using System.Text.Json;
using Hall.Contract;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>好差评 through a running box: the evaluator lights up after finish, rates once; the QR page rates once.</summary>
public sealed class RatingTests : IClassFixture<BoxFixture>
{
    private readonly BoxFixture _f;

    public RatingTests(BoxFixture fixture) => _f = fixture;

    private string H => _f.Box.HallId;

    [Fact]
    public async Task After_finish_the_counters_evaluator_is_asked_and_its_rating_counts_once()
    {
        var ticketNo = await ServeAtCounter1Async();
        await using var evaluate = await MosquittoClient.SubscribeAsync(_f.Box, _f.Evaluator, $"hall/{H}/counter/1/evaluate");

        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req("""{"cmd":"finish","serviceItem":"370100-001"}"""));
        var asked = (await evaluate.NextAsync(TimeSpan.FromSeconds(10))).Payload;
        Assert.Equal(ticketNo, asked.GetProperty("ticketNo").GetString());
        Assert.True(asked.GetProperty("active").GetBoolean());

        var rating = $$"""{"ticketNo":"{{ticketNo}}","level":5}""";
        var accepted = await MosquittoClient.RequestAsync(_f.Box, _f.Evaluator, "rating", MqttContractTests.Req(rating));
        Assert.False(accepted.TryGetProperty("error", out var error), error.ToString());
        Assert.Equal(5, accepted.GetProperty("level").GetInt32());
        Assert.Equal("evaluator", accepted.GetProperty("channel").GetString());

        var again = await MosquittoClient.RequestAsync(_f.Box, _f.Evaluator, "rating", MqttContractTests.Req(rating));
        Assert.Equal(ErrorCodes.AlreadyRated, again.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_bad_review_from_the_evaluator_opens_a_case_and_raises_a_bad_review_alert()
    {
        var ticketNo = await ServeAtCounter1Async();
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));

        // The evaluator has no reason keys: it sends 未说明 and the call-back asks why.
        var reply = await MosquittoClient.RequestAsync(_f.Box, _f.Evaluator, "rating", MqttContractTests.Req($$"""{"ticketNo":"{{ticketNo}}","level":1,"reasons":["未说明"]}"""));

        Assert.False(reply.TryGetProperty("error", out var error), error.ToString());
        Assert.StartsWith("C-", reply.GetProperty("caseId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_qr_code_rates_the_service_once_from_a_phone()
    {
        var ticket = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", MqttContractTests.Req("""{"category":"B"}"""));
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;
        var qr = ticket.GetProperty("qr").GetString()!;
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller2, "counter", MqttContractTests.Req($$"""{"cmd":"call","ticketNo":"{{ticketNo}}"}"""));
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller2, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, _f.Box.ChromiumTrustArgument);
        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await phone.GotoAsync(qr);
        await phone.ClickAsync("#rate");
        await phone.ClickAsync("#level-5");
        await phone.ClickAsync("#submit");

        await Expect(phone.Locator("body")).ToContainTextAsync("感谢您的评价", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        // Once only: the same service rated again from the QR link is refused.
        using var http = new HttpClient();
        var key = new Uri(qr).Query;
        using var second = await http.PostAsync(
            new Uri(_f.Box.BaseUri, $"api/rate/{ticketNo}{key}"),
            new StringContent($$"""{"requestId":"{{Guid.NewGuid():N}}","level":4}""", System.Text.Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ErrorCodes.AlreadyRated, body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_counters_tablet_lights_up_after_finish_and_takes_a_bad_review_with_its_reason()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var tablet = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });

        // The technician sets the tablet up once; its setup link leads to the counter's tablet page.
        await WebDevices.SetUpAsync(tablet, _f.Box, "tablet-1", DeviceRole.Evaluator, "1");
        await Expect(tablet).ToHaveURLAsync(new Uri(_f.Box.BaseUri, "evaluate/1").ToString());
        await Expect(tablet.Locator("body")).ToHaveAttributeAsync("data-state", "dark", new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });

        var ticketNo = await ServeAtCounter1Async();
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));

        await Expect(tablet.Locator("#rate-ticket")).ToContainTextAsync(ticketNo, new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await tablet.ClickAsync("#level-2");
        await Expect(tablet.Locator("#reason-box")).ToBeVisibleAsync();
        await Expect(tablet.Locator("#submit")).ToBeDisabledAsync();
        await tablet.Locator("#reasons [data-code]").First.ClickAsync();
        await tablet.ClickAsync("#submit");
        await Expect(tablet.Locator("body")).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("thanked|dark"), new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });

        // The service is rated: the counter's evaluator cannot rate it again.
        var again = await MosquittoClient.RequestAsync(_f.Box, _f.Evaluator, "rating", MqttContractTests.Req($$"""{"ticketNo":"{{ticketNo}}","level":5}"""));
        Assert.Equal(ErrorCodes.AlreadyRated, again.GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<string> ServeAtCounter1Async()
    {
        // Finish whatever counter 1 has, then call a fresh ticket of its own.
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));
        var ticket = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;
        var state = await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req($$"""{"cmd":"call","ticketNo":"{{ticketNo}}"}"""));
        Assert.False(state.TryGetProperty("error", out var error), error.ToString());
        return ticketNo;
    }
}
