using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;
using Hall.FirmwareHost.IntegrationTests;
using Hall.Tests.Shared;
using Hall.Uplink.IntegrationTests;

namespace Hall.CountyHub.IntegrationTests;

/// <summary>
/// A county hub with two enrolled halls: 东岭 (east-town), a real box whose kiosk, caller and evaluator work a morning
/// over MQTT and whose uplink fills the hub, and west-town, enrolled but never heard from. Besides the bootstrap admin,
/// the county admin adds a supervisor and a township user of west-town through the hub's API. Shared by a class's tests.
/// </summary>
public sealed class CountyRig : IAsyncLifetime
{
    public const string SupervisorPassword = "duban-2026-zhao";
    public const string TownshipPassword = "xihe-2026-li";

    private UplinkRig? _rig;

    public UplinkRig Rig => _rig ?? throw new InvalidOperationException("Not started.");

    public HubProcess Hub => Rig.Hub;

    public BoxProcess West { get; } = new("west-town");

    /// <summary>The ticket whose level-1 rating opened a 差评 case at the box.</summary>
    public string BadTicket { get; private set; } = string.Empty;

    public string CaseId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _rig = await UplinkRig.StartHubAsync("east-town");
        Rig.Enroll(West);
        var kiosk = Rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        var caller = Rig.Box.Enroll("caller-1", DeviceRole.Caller, "1");
        var evaluator = Rig.Box.Enroll("evaluator-1", DeviceRole.Evaluator, "1");
        await Rig.StartBoxAsync("--Box:HallName=东岭镇便民服务中心");

        // A morning at counter 1: one person served and rated 非常不满意 (a case opens), one rated 非常满意, two waiting.
        await using (var k = await MqttDevice.ConnectAsync(Rig.Box, kiosk))
        await using (var c = await MqttDevice.ConnectAsync(Rig.Box, caller))
        await using (var e = await MqttDevice.ConnectAsync(Rig.Box, evaluator))
        {
            var tickets = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                tickets.Add((await k.RequestAsync("ticket", new { category = "A" }, Wait)).GetProperty("ticketNo").GetString()!);
            }

            BadTicket = tickets[0];
            CaseId = (await ServeAndRateAsync(c, e, tickets[0], 1, ["long-wait"])).GetProperty("caseId").GetString()!;
            await ServeAndRateAsync(c, e, tickets[1], 5, null);
        }

        await Rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));

        using var admin = await SignInAsync("admin", Hub.AdminPassword);
        await PostOkAsync(admin, "/api/users", new { userId = "zhao.duban", name = "赵督办", role = "supervisor", password = SupervisorPassword });
        await PostOkAsync(admin, "/api/users", new { userId = "li.west", name = "李西河", role = "township", boxId = "west-town", password = TownshipPassword });
    }

    public async Task DisposeAsync()
    {
        await West.DisposeAsync();
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    /// <summary>An HTTPS client of the hub with its own cookies (no monitor token), signed in as <paramref name="userId"/>.</summary>
    public async Task<HttpClient> SignInAsync(string userId, string password)
    {
        var client = Client();
        using var response = await SendAsync(client, HttpMethod.Post, "/api/login", new { userId, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>A client that trusts the hub's certificate, keeps cookies, does not follow redirects, and holds nothing else.</summary>
    public HttpClient Client()
    {
        var fingerprint = Hub.Fingerprint;
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cert.RawData)) == fingerprint,
        };
        return new HttpClient(handler) { BaseAddress = Hub.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>A request as the hub's pages send it (with the page header), or with <paramref name="pageHeader"/> false as a foreign form would.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, bool pageHeader = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: HallJson.Options);
        }

        if (pageHeader)
        {
            request.Headers.Add("X-Hall-Hub", "1");
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static TimeSpan Wait => TimeSpan.FromSeconds(15);

    private static async Task PostOkAsync(HttpClient client, string path, object body)
    {
        using var response = await SendAsync(client, HttpMethod.Post, path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> ServeAndRateAsync(MqttDevice caller, MqttDevice evaluator, string ticketNo, int level, string[]? reasons)
    {
        var called = await caller.RequestAsync("counter", new { cmd = "call", ticketNo }, Wait);
        Assert.False(called.TryGetProperty("error", out var error), error.ToString());
        var finished = await caller.RequestAsync("counter", new { cmd = "finish" }, Wait);
        Assert.False(finished.TryGetProperty("error", out error), error.ToString());
        object rating = reasons is null ? new { ticketNo, level } : new { ticketNo, level, reasons };
        var rated = await evaluator.RequestAsync("rating", rating, Wait);
        Assert.False(rated.TryGetProperty("error", out error), error.ToString());
        return rated;
    }
}
