using System.Net;
using Hall.Contract;
using Hall.FirmwareHost.Access;
using Hall.FirmwareHost.Admin;
using Hall.FirmwareHost.Box;
using Hall.FirmwareHost.Broker;
using Hall.Queue;
using Hall.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Hall.Staff.Tests;

/// <summary>
/// The admin and counter pages in a small web app on 127.0.0.1 port 0: the store, staff, queue and
/// request router of the box, without its MQTT broker. Published messages are kept for the test.
/// </summary>
public sealed class AdminHost : IAsyncLifetime
{
    public const string AdminPassword = "First-Boot-2025";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-admin-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private string _fingerprint = string.Empty;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Box:DataDirectory"] = _directory;
        builder.Configuration["Staff:HashIterations"] = "1000";
        builder.Configuration["Staff:BootstrapAdminPassword"] = AdminPassword;
        builder.Configuration["Queue:SupervisorInterval"] = "01:00:00";
        builder.Logging.ClearProviders();
        // HTTPS as on the box: staff cookies are Secure, a browser sends them over HTTPS only.
        Directory.CreateDirectory(_directory);
        var certificate = Hall.Contract.Tls.SelfSignedCertificate.LoadOrCreate(_directory, "test-cert.pem", "test-key.pem", "CN=hall-admin-test", ["127.0.0.1"], DateTimeOffset.UtcNow);
        _fingerprint = Hall.Contract.Tls.SelfSignedCertificate.Fingerprint(certificate);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        builder.AddStore(Path.Combine(_directory, "hall.db"));
        services.AddSingleton<IMigrationSource, Hall.DeviceRegistry.DeviceRegistryMigrations>();
        services.AddSingleton<Hall.DeviceRegistry.DeviceRegistryService>();
        services.AddSingleton<IHallPublisher, RecordingPublisher>();
        services.AddSingleton(sp => new Hall.Contract.HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<BoxMetrics>();
        // As the box wires it: the queue maps its own requests (req/counter among them).
        services.AddSingleton<RequestRouter>();
        services.AddSingleton<DeviceWatch>();
        services.AddSingleton(new BoxTls(certificate));
        builder.AddStaff();
        builder.AddQueue();
        builder.AddAdmin();

        _app = builder.Build();

        // As the box does: every route behind its access check, and web devices set up by their one-time link.
        _app.UseBoxAccess();
        _app.MapDeviceSetup();
        _app.MapAdmin();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    /// <summary>A browser: keeps cookies, does not follow redirects (so a test sees them).</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = (_, c, _, _) => Ours(c) }) { BaseAddress = BaseAddress };

    /// <summary>The test host's own certificate, and no other.</summary>
    private bool Ours(System.Security.Cryptography.X509Certificates.X509Certificate? certificate) => Hall.Contract.Tls.SelfSignedCertificate.Matches(certificate, _fingerprint);

    /// <summary>
    /// Sets <paramref name="browser"/> up as a counter page of <paramref name="counter"/> (a web caller device of its own, so
    /// several browsers may stand at one counter) and returns its device cookie as a Cookie header part.
    /// </summary>
    public async Task<string> CounterDeviceAsync(HttpClient browser, string counter)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var registry = (Hall.DeviceRegistry.DeviceRegistryService)Services.GetService(typeof(Hall.DeviceRegistry.DeviceRegistryService))!;
        var setup = registry.EnrollWeb("counter-page-" + counter + "-" + Guid.NewGuid().ToString("N")[..8], DeviceRole.Caller, counter).SetupPath!;
        using var response = await browser.PostAsync(new Uri(setup, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>A browser set up as the enrolled web device <paramref name="id"/> (e.g. a counter page: caller of its counter).</summary>
    public async Task<HttpClient> DeviceAsync(string id, DeviceRole role, string? counter)
    {
        var registry = (Hall.DeviceRegistry.DeviceRegistryService)Services.GetService(typeof(Hall.DeviceRegistry.DeviceRegistryService))!;
        var setup = registry.EnrollWeb(id, role, counter, replace: true).SetupPath!;
        var browser = Browser();
        using var response = await browser.PostAsync(new Uri(setup, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>A browser on another machine of the hall LAN: its connections come from <paramref name="from"/> (a loopback address such as 127.0.0.2).</summary>
    public HttpClient Browser(IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => Ours(c) },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>A client that sends exactly the cookie header it is given, as someone replaying a copied cookie.</summary>
    public HttpClient Replayer() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = (_, c, _, _) => Ours(c) }) { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class RecordingPublisher : IHallPublisher
    {
        public string HallId => "test";

        public Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
