using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>The duty manager's 差评回访整改 through the admin API of a running box, as the console's 差评回访 tab calls it.</summary>
public sealed class CaseEndpointsTests : IAsyncLifetime
{
    private const string AdminPassword = "Huifang-2026-hall";
    private readonly BoxProcess _box = new("cases");
    private DeviceCredentials _kiosk = null!;
    private DeviceCredentials _caller = null!;
    private DeviceCredentials _evaluator = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _kiosk = _box.Enroll("kiosk-1", DeviceRole.Kiosk);
        _caller = _box.Enroll("caller-1", DeviceRole.Caller, "1");
        _evaluator = _box.Enroll("evaluator-1", DeviceRole.Evaluator, "1");
        await _box.StartAsync($"--Staff:BootstrapAdminPassword={AdminPassword}");

        _admin = new HttpClient(_box.TrustBox(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })) { BaseAddress = _box.HttpsUri };
        using var login = await SendAsync("/admin/api/login", new { staffId = "admin", password = AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _box.DisposeAsync();
    }

    [Fact]
    public async Task A_bad_review_is_followed_up_call_back_then_rectify_then_close_and_not_out_of_order()
    {
        var ticketNo = await FinishAtCounter1Async();
        var rated = await MosquittoClient.RequestAsync(_box, _evaluator, "rating", MqttContractTests.Req($$"""{"ticketNo":"{{ticketNo}}","level":1,"reasons":["未说明"]}"""));
        Assert.False(rated.TryGetProperty("error", out var error), error.ToString());
        var caseId = rated.GetProperty("caseId").GetString()!;

        var listed = await JsonAsync(await _admin.GetAsync(new Uri("/admin/api/cases?state=open", UriKind.Relative)));
        var found = listed.EnumerateArray().Single(c => c.GetProperty("caseId").GetString() == caseId);
        Assert.Equal(ticketNo, found.GetProperty("ticketNo").GetString());
        Assert.Equal("1", found.GetProperty("counter").GetString());
        Assert.Equal("open", found.GetProperty("state").GetString());
        Assert.False(found.GetProperty("overdue").GetBoolean());

        using (var early = await SendAsync($"/admin/api/cases/{caseId}/close", new { note = "想直接办结" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal(ErrorCodes.CaseState, (await JsonAsync(early)).GetProperty("error").GetProperty("code").GetString());
        }

        Assert.Equal("called-back", await StepAsync(caseId, "callback", "电话回访,办事人反映等候太久"));
        Assert.Equal("rectified", await StepAsync(caseId, "rectify", "高峰时段增开窗口"));
        Assert.Equal("closed", await StepAsync(caseId, "close", "办结"));

        var closed = await JsonAsync(await _admin.GetAsync(new Uri($"/admin/api/cases/{caseId}", UriKind.Relative)));
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Contains(closed.GetProperty("steps").EnumerateArray(), s => s.GetProperty("who").GetString() == "admin");
    }

    [Fact]
    public async Task A_rating_entered_on_the_persons_behalf_is_marked_as_staff_entry_and_a_bad_one_opens_a_case()
    {
        var ticketNo = await FinishAtCounter1Async();

        using (var noReason = await SendAsync("/admin/api/ratings/staff-entry", new { counter = "1", ticketNo, level = 2, requestId = Guid.NewGuid().ToString("N") }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Equal(ErrorCodes.ReasonsRequired, (await JsonAsync(noReason)).GetProperty("error").GetProperty("code").GetString());
        }

        using var entered = await SendAsync("/admin/api/ratings/staff-entry", new { counter = "1", ticketNo, level = 2, reasons = new[] { "attitude" }, requestId = Guid.NewGuid().ToString("N") });
        var reply = await JsonAsync(entered);
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        Assert.Equal("staff-entry", reply.GetProperty("channel").GetString());
        var caseId = reply.GetProperty("caseId").GetString()!;

        var listed = await JsonAsync(await _admin.GetAsync(new Uri("/admin/api/cases", UriKind.Relative)));
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("caseId").GetString() == caseId);
    }

    private async Task<string> FinishAtCounter1Async()
    {
        await MosquittoClient.RequestAsync(_box, _caller, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));
        var ticket = await MosquittoClient.RequestAsync(_box, _kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;
        var called = await MosquittoClient.RequestAsync(_box, _caller, "counter", MqttContractTests.Req($$"""{"cmd":"call","ticketNo":"{{ticketNo}}"}"""));
        Assert.False(called.TryGetProperty("error", out var error), error.ToString());
        var finished = await MosquittoClient.RequestAsync(_box, _caller, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));
        Assert.False(finished.TryGetProperty("error", out error), error.ToString());
        return ticketNo;
    }

    private async Task<string?> StepAsync(string caseId, string step, string note)
    {
        using var response = await SendAsync($"/admin/api/cases/{caseId}/{step}", new { note });
        var body = await JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("state").GetString();
    }

    private async Task<HttpResponseMessage> SendAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, body.GetType(), options: HallJson.Options) };
        request.Headers.Add("X-Hall-Admin", "1");
        return await _admin.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
