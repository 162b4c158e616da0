using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Tls;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// A box as it ships (Box:DeviceLanIsolated off): devices reach it over TLS with its certificate, real
/// mosquitto clients verify that certificate, and nothing listens in clear.
/// </summary>
public sealed class TransportSecurityTests : IAsyncLifetime
{
    private readonly BoxProcess _box = new("tls") { DeviceLanIsolated = false };
    private Hall.DeviceRegistry.DeviceCredentials _kiosk = null!;

    public async Task InitializeAsync()
    {
        _kiosk = _box.Enroll("kiosk-1", DeviceRole.Kiosk);
        await _box.StartAsync();
    }

    public async Task DisposeAsync() => await _box.DisposeAsync();

    [Fact]
    public async Task A_kiosk_trusting_the_boxs_certificate_gets_a_ticket_over_TLS()
    {
        var tls = MosquittoClient.Tls(_box, _box.CertificatePath);
        await using var answers = await MosquittoClient.SubscribeViaAsync(tls, _kiosk, Topics.Response(_box.HallId, _kiosk.DeviceId, "ticket"));

        var (code, output) = await MosquittoClient.PublishAsync(
            _box, _kiosk, Topics.Request(_box.HallId, _kiosk.DeviceId, "ticket"), MqttContractTests.Req("""{"category":"A"}"""), connection: tls);

        Assert.True(code == 0, output);
        var ticket = (await answers.NextAsync(TimeSpan.FromSeconds(15))).Payload;
        Assert.Matches("^A[0-9]{3}$", ticket.GetProperty("ticketNo").GetString());
    }

    [Fact]
    public async Task Nothing_answers_in_clear_when_the_device_lan_is_not_isolated()
    {
        var (code, output) = await MosquittoClient.PublishAsync(
            _box, _kiosk, Topics.Request(_box.HallId, _kiosk.DeviceId, "ticket"), MqttContractTests.Req("""{"category":"A"}"""));

        Assert.NotEqual(0, code);
        Assert.Contains("refused", output, StringComparison.OrdinalIgnoreCase);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var plain = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(_box.BaseUri, "admin/login")));
        Assert.Equal(SocketError.ConnectionRefused, (plain.InnerException as SocketException)?.SocketErrorCode);
        Assert.Equal(0, await WaitingAsync());
    }

    [Fact]
    public async Task A_client_trusting_another_certificate_refuses_the_box_and_sends_it_nothing()
    {
        var other = Path.Combine(Path.GetTempPath(), "hall-other-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            BoxCertificate.LoadOrCreate(other, [], TimeProvider.System).Dispose();

            var (code, output) = await MosquittoClient.PublishAsync(
                _box, _kiosk, Topics.Request(_box.HallId, _kiosk.DeviceId, "ticket"), MqttContractTests.Req("""{"category":"A"}"""),
                connection: MosquittoClient.Tls(_box, Path.Combine(other, BoxCertificate.CertificateFile)));

            Assert.NotEqual(0, code);
            Assert.Contains("TLS error", output, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, await WaitingAsync());
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    private async Task<int> WaitingAsync()
    {
        using var http = _box.CreateHttpsClient();
        var queue = await http.GetFromJsonAsync<JsonElement>("api/queue");
        return queue.GetProperty("categories").EnumerateArray().Sum(c => c.GetProperty("waiting").GetInt32());
    }
}

/// <summary>
/// A box whose device LAN is isolated: public pages may be plain, but staff sign in over HTTPS only, in a real
/// browser that trusts exactly the box's key; a sign-in sent in clear is refused.
/// </summary>
public sealed class StaffOverHttpsTests : IAsyncLifetime
{
    private const string AdminPassword = "Shiyan-2026-tls";
    private readonly BoxProcess _box = new("https");
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        await _box.StartAsync($"--Staff:BootstrapAdminPassword={AdminPassword}");
        // Chromium trusts this one key and no other (no blanket "ignore certificate errors").
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
    public async Task The_admin_typing_the_plain_address_signs_in_over_HTTPS_and_sees_the_certificate_fingerprint()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_box.BaseUri, "admin").ToString());

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^https://127\\.0\\.0\\.1:{_box.HttpsPort}/admin/login"));
        await page.FillAsync("#staffId", "admin");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#me")).ToContainTextAsync("管理员", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        await page.ClickAsync("button[data-tab=devices]");
        var shown = string.Join(':', Enumerable.Range(0, 32).Select(i => _box.CertificateSha256.Substring(i * 2, 2)));
        await Expect(page.Locator("#box-cert-sha256")).ToHaveTextAsync(shown, new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        // The session cookie is for HTTPS only: the browser would never send it in clear.
        var cookies = await page.Context.CookiesAsync();
        Assert.All(cookies.Where(c => c.Name == "hall_admin"), c => Assert.True(c.Secure));
    }

    [Fact]
    public async Task A_device_enrolled_on_the_console_gets_the_boxs_fingerprint_for_its_QR_code()
    {
        using var admin = await SignedInAsync();

        using var enrolled = await admin.PostAsJsonAsync("admin/api/devices", new { deviceId = "caller-9", role = "caller", counter = "1" });

        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var body = await enrolled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(_box.CertificateSha256, body.GetProperty("credentials").GetProperty("boxCertificateSha256").GetString());
        Assert.Equal(_box.MqttTlsPort, body.GetProperty("mqttTlsPort").GetInt32());
    }

    [Fact]
    public async Task The_admin_sign_in_sent_in_clear_is_refused_even_on_an_isolated_device_lan()
    {
        using var plain = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _box.BaseUri };
        plain.DefaultRequestHeaders.Add("X-Hall-Admin", "1");

        using var login = await plain.PostAsJsonAsync("admin/api/login", new { staffId = "admin", password = AdminPassword });

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        var error = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(ErrorCodes.HttpsRequired, error.GetProperty("code").GetString());
        Assert.Contains("加密连接", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"https://127.0.0.1:{_box.HttpsPort}/admin/api/login", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(login.Headers.Contains("Set-Cookie"));

        // The staff pages send the browser to HTTPS; the public board stays readable in clear.
        using var console = await plain.GetAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Equal(new Uri($"https://127.0.0.1:{_box.HttpsPort}/admin"), console.Headers.Location);
        using var board = await plain.GetAsync("display/hall");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
    }

    [Fact]
    public async Task A_counter_PIN_or_any_credential_sent_in_clear_is_refused_and_calls_nothing()
    {
        using var plain = new HttpClient { BaseAddress = _box.BaseUri };
        plain.DefaultRequestHeaders.Add("X-Hall-Counter", "1");

        using var signin = await plain.PostAsJsonAsync("counter/1/api/command", new { cmd = "signin", staffId = "admin", pin = "1234" });
        using var kiosk = new HttpRequestMessage(HttpMethod.Post, "api/kiosk/ticket") { Content = JsonContent.Create(new { requestId = "r1", category = "A" }) };
        kiosk.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "device-token");
        using var token = await plain.SendAsync(kiosk);

        foreach (var refused in new[] { signin, token })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(ErrorCodes.HttpsRequired, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        }

        using var https = _box.CreateHttpsClient();
        var queue = await https.GetFromJsonAsync<JsonElement>("api/queue");
        Assert.Equal(0, queue.GetProperty("categories").EnumerateArray().Sum(c => c.GetProperty("waiting").GetInt32()));
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var admin = _box.CreateHttpsClient();
        admin.DefaultRequestHeaders.Add("X-Hall-Admin", "1");
        using var login = await admin.PostAsJsonAsync("admin/api/login", new { staffId = "admin", password = AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return admin;
    }
}
