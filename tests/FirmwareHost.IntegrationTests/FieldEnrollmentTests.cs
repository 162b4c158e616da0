using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.DeviceRegistry;
using Hall.Provisioning;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// A box set up with hallctl box init (its county's public key in the settings file it wrote) enrolls a kiosk from a
/// county ticket posted by the device's setup screen, with no laptop and no uplink; the kiosk then takes a ticket over
/// MQTT. A used, tampered or foreign ticket is refused and enrolls nothing.
/// </summary>
public sealed class FieldEnrollmentTests : IAsyncLifetime
{
    private readonly BoxProcess _box = new("t1");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hall-field-" + Guid.NewGuid().ToString("N")[..12]);
    private BoxKey _county = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);

        // The county's signing key (the hub's hub-signing.pem is the same kind of key).
        _county = BoxKey.LoadOrCreate(Path.Combine(_dir, "county.pem"));
        var settings = Path.Combine(_dir, "box.json");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = new Cli(output, error, TimeProvider.System).Run(["box", "init", "--hall-id", "t1", "--hall-name", "一里镇便民服务中心", "--hub-signing-key", _county.PublicKey, "--settings-file", settings, "--data-dir", _box.DataDirectory]);
        Assert.True(code == 0, error.ToString());
        await _box.StartAsync($"--Box:SettingsFile={settings}");
    }

    public async Task DisposeAsync()
    {
        await _box.DisposeAsync();
        _county.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_county_ticket_enrolls_the_device_once_and_it_then_takes_a_ticket()
    {
        using var http = new HttpClient { BaseAddress = _box.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        var ticket = Issue("t1", "kiosk-7");

        using var first = await http.PostAsJsonAsync(SetupRoute, new { ticket });
        var body = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var credentials = json.RootElement.GetProperty("credentials").Deserialize<DeviceCredentials>(HallJson.Options)!;
        Assert.Equal("t1", json.RootElement.GetProperty("hallId").GetString());
        Assert.Equal(_box.MqttPort, json.RootElement.GetProperty("mqttPort").GetInt32());

        var answer = await MosquittoClient.RequestAsync(_box, credentials, "ticket", """{"requestId":"field-1","category":"A","ts":"2026-12-01T10:00:00+08:00"}""");
        Assert.True(answer.TryGetProperty("ticketNo", out _), answer.ToString());

        using var again = await http.PostAsJsonAsync(SetupRoute, new { ticket });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ErrorCodes.TicketUsed, await CodeOf(again));
    }

    [Fact]
    public async Task Tampered_foreign_and_malformed_tickets_are_refused_and_enroll_nothing()
    {
        using var http = new HttpClient { BaseAddress = _box.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        var parts = Issue("t1", "kiosk-8").Split('.');
        var forged = Issue("t1", "kiosk-9").Split('.');

        // kiosk-9's payload under kiosk-8's signature.
        using var tampered = await http.PostAsJsonAsync(SetupRoute, new { ticket = $"{forged[0]}.{forged[1]}.{parts[2]}" });
        using var foreign = await http.PostAsJsonAsync(SetupRoute, new { ticket = Issue("t2", "kiosk-8") });
        using var malformed = await http.PostAsJsonAsync(SetupRoute, new { ticket = "kiosk-8" });
        using var notJson = await http.PostAsync(SetupRoute, new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.TicketBadSignature), (tampered.StatusCode, await CodeOf(tampered)));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.TicketWrongBox), (foreign.StatusCode, await CodeOf(foreign)));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TicketMalformed), (malformed.StatusCode, await CodeOf(malformed)));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.BadJson), (notJson.StatusCode, await CodeOf(notJson)));
        Assert.Empty(_box.Registry.List());
    }

    private const string SetupRoute = "/api/setup/ticket";

    private string Issue(string boxId, string deviceId)
    {
        var now = DateTimeOffset.UtcNow;
        var ticket = new EnrollmentTicket
        {
            TicketId = Guid.NewGuid().ToString("N"),
            BoxId = boxId,
            Role = "kiosk",
            DeviceId = deviceId,
            IssuedAt = now,
            ExpiresAt = now.AddHours(1),
        };
        return EnrollmentTickets.Encode(ticket, bytes => _county.Sign(bytes));
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetProperty("code").GetString();
    }
}
