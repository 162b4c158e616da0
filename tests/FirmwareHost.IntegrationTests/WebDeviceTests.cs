using System.Net;
using System.Text;
using System.Text.Json;
using Hall.Contract;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// The web kiosk, the rating tablet and the counter page are enrolled devices: a stranger on the hall LAN, a forged or
/// revoked cookie, or a device of another role or counter is refused by each device API and changes nothing (no
/// ticket, no rating, no 差评 case); the right device works.
/// </summary>
public sealed class WebDeviceTests : IClassFixture<BoxFixture>
{
    private readonly BoxFixture _f;

    public WebDeviceTests(BoxFixture fixture) => _f = fixture;

    [Fact]
    public async Task The_kiosk_api_issues_tickets_only_to_an_enrolled_web_kiosk_that_is_not_revoked()
    {
        using var kiosk = await WebDevices.SetUpAsync(_f.Box, "wk-kiosk", DeviceRole.Kiosk);
        using var tablet = await WebDevices.SetUpAsync(_f.Box, "wk-tablet", DeviceRole.Evaluator, "1");
        using var stranger = WebDevices.Client(_f.Box);
        using var forged = WebDevices.Client(_f.Box);
        forged.DefaultRequestHeaders.Add("Cookie", "hall_device=wk-kiosk.not-the-token");

        var before = BoxState.Snapshot(_f.Box);
        await AssertRefusedAsync(stranger, HttpMethod.Post, "/api/kiosk/ticket", Ticket(), HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
        await AssertRefusedAsync(forged, HttpMethod.Post, "/api/kiosk/ticket", Ticket(), HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
        await AssertRefusedAsync(tablet, HttpMethod.Post, "/api/kiosk/ticket", Ticket(), HttpStatusCode.Forbidden, ErrorCodes.DeviceNotAllowed);
        Assert.Equal(before, BoxState.Snapshot(_f.Box));

        // The enrolled kiosk gets its ticket, issued as that device.
        using (var issued = await SendAsync(kiosk, HttpMethod.Post, "/api/kiosk/ticket", Ticket()))
        {
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            Assert.Matches("^A[0-9]{3}$", (await JsonAsync(issued)).GetProperty("ticketNo").GetString());
        }

        // Revoked: its very next request is refused, and nothing is issued.
        Assert.True(_f.Box.Registry.Revoke("wk-kiosk"));
        var revoked = BoxState.Snapshot(_f.Box);
        await AssertRefusedAsync(kiosk, HttpMethod.Post, "/api/kiosk/ticket", Ticket(), HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
        Assert.Equal(revoked, BoxState.Snapshot(_f.Box));
    }

    [Fact]
    public async Task A_replaced_web_device_loses_its_old_cookie_and_a_setup_link_works_once()
    {
        using var old = await WebDevices.SetUpAsync(_f.Box, "wk-replaced", DeviceRole.Kiosk);
        var link = WebDevices.Enroll(_f.Box, "wk-replaced", DeviceRole.Kiosk, replace: true);
        await AssertRefusedAsync(old, HttpMethod.Post, "/api/kiosk/ticket", Ticket(), HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);

        using var replacement = WebDevices.Client(_f.Box);
        await WebDevices.SetUpAsync(replacement, link);
        using (var issued = await SendAsync(replacement, HttpMethod.Post, "/api/kiosk/ticket", Ticket()))
        {
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }

        // The same link a second time (a photo of the QR code): refused, and that browser is no device.
        using var copier = WebDevices.Client(_f.Box);
        using (var again = await copier.PostAsync(link, null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("设置链接无效", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await AssertRefusedAsync(copier, HttpMethod.Post, "/api/kiosk/ticket", Ticket(), HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
    }

    [Fact]
    public async Task Only_the_counters_own_tablet_can_rate_it_and_a_refused_bad_review_opens_no_case()
    {
        using var tablet1 = await WebDevices.SetUpAsync(_f.Box, "wk-tablet-1", DeviceRole.Evaluator, "1");
        using var tablet2 = await WebDevices.SetUpAsync(_f.Box, "wk-tablet-2", DeviceRole.Evaluator, "2");
        using var kiosk = await WebDevices.SetUpAsync(_f.Box, "wk-kiosk-2", DeviceRole.Kiosk);
        using var revokedTablet = await WebDevices.SetUpAsync(_f.Box, "wk-tablet-revoked", DeviceRole.Evaluator, "1");
        Assert.True(_f.Box.Registry.Revoke("wk-tablet-revoked"));
        using var stranger = WebDevices.Client(_f.Box);

        // A service finished at counter 1: its rating window is open.
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));
        var ticketNo = (await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""))).GetProperty("ticketNo").GetString()!;
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req($$"""{"cmd":"call","ticketNo":"{{ticketNo}}"}"""));
        await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));
        using var reasons = await stranger.GetAsync(new Uri("/api/rating/reasons", UriKind.Relative));
        var reason = (await JsonAsync(reasons))[0].GetProperty("code").GetString()!;
        object BadReview() => new { requestId = Guid.NewGuid().ToString("N"), ticketNo, level = 1, reasons = new[] { reason } };

        var before = BoxState.Snapshot(_f.Box);
        await AssertRefusedAsync(stranger, HttpMethod.Post, "/api/evaluate/1", BadReview(), HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
        await AssertRefusedAsync(revokedTablet, HttpMethod.Post, "/api/evaluate/1", BadReview(), HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
        await AssertRefusedAsync(tablet2, HttpMethod.Post, "/api/evaluate/1", BadReview(), HttpStatusCode.Forbidden, ErrorCodes.DeviceNotAllowed);
        await AssertRefusedAsync(kiosk, HttpMethod.Post, "/api/evaluate/1", BadReview(), HttpStatusCode.Forbidden, ErrorCodes.DeviceNotAllowed);
        await AssertRefusedAsync(stranger, HttpMethod.Get, "/api/evaluate/1", null, HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
        await AssertRefusedAsync(tablet2, HttpMethod.Get, "/api/evaluate/1", null, HttpStatusCode.Forbidden, ErrorCodes.DeviceNotAllowed);
        Assert.Equal(before, BoxState.Snapshot(_f.Box));

        // Counter 1's own tablet sees the open window and rates it; the bad review opens its case.
        using (var pending = await SendAsync(tablet1, HttpMethod.Get, "/api/evaluate/1", null))
        {
            Assert.Equal(ticketNo, (await JsonAsync(pending)).GetProperty("ticketNo").GetString());
        }

        using var rated = await SendAsync(tablet1, HttpMethod.Post, "/api/evaluate/1", BadReview());
        var body = await JsonAsync(rated);
        Assert.True(rated.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.StartsWith("C-", body.GetProperty("caseId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_counter_page_needs_its_counters_device_before_any_staff_sign_in()
    {
        using var stranger = WebDevices.Client(_f.Box);
        using var page2 = await WebDevices.SetUpAsync(_f.Box, "wk-counter-2", DeviceRole.Caller, "2");
        using var tablet = await WebDevices.SetUpAsync(_f.Box, "wk-counter-tablet", DeviceRole.Evaluator, "1");
        using var page1 = await WebDevices.SetUpAsync(_f.Box, "wk-counter-1", DeviceRole.Caller, "1");

        // A person opening the page on another browser sees 本设备未登记 and what to do.
        using (var screen = await stranger.GetAsync(new Uri("/counter/1", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, screen.StatusCode);
            var html = await screen.Content.ReadAsStringAsync();
            Assert.Contains("本设备未登记", html, StringComparison.Ordinal);
            Assert.Contains("技术员", html, StringComparison.Ordinal);

            // Under the hall's own name (the box's Box:HallName), so a person knows whose device this is.
            Assert.Contains(new Hall.FirmwareHost.Box.BoxOptions().HallName, html, StringComparison.Ordinal);
        }

        var before = BoxState.Snapshot(_f.Box);
        var signIn = new { requestId = Guid.NewGuid().ToString("N"), cmd = "signin", staffId = "admin", pin = "0000" };
        var next = new { requestId = Guid.NewGuid().ToString("N"), cmd = "next" };
        await AssertRefusedAsync(stranger, HttpMethod.Post, "/counter/1/api/command", signIn, HttpStatusCode.Unauthorized, ErrorCodes.DeviceNotEnrolled);
        await AssertRefusedAsync(page2, HttpMethod.Post, "/counter/1/api/command", next, HttpStatusCode.Forbidden, ErrorCodes.DeviceNotAllowed);
        await AssertRefusedAsync(tablet, HttpMethod.Post, "/counter/1/api/command", next, HttpStatusCode.Forbidden, ErrorCodes.DeviceNotAllowed);
        await AssertRefusedAsync(page2, HttpMethod.Get, "/counter/1/api/state", null, HttpStatusCode.Forbidden, ErrorCodes.DeviceNotAllowed);

        // The counter's own page passes the device check and still needs the staff sign-in.
        await AssertRefusedAsync(page1, HttpMethod.Post, "/counter/1/api/command", next, HttpStatusCode.Unauthorized, ErrorCodes.NotSignedIn);
        Assert.Equal(before, BoxState.Snapshot(_f.Box));
        using var state = await SendAsync(page1, HttpMethod.Get, "/counter/1/api/state", null);
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
    }

    private static object Ticket() => new { requestId = Guid.NewGuid().ToString("N"), category = "A" };

    internal static async Task AssertRefusedAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode status, string code)
    {
        using var response = await SendAsync(client, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: {response.StatusCode} {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());

        // The message is for hall staff: Chinese, telling them what to do.
        Assert.Matches("[\u4e00-\u9fff]", error.GetProperty("message").GetString());
    }

    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Hall-Counter", "1");
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
