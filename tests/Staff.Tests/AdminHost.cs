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
        builder.WebHost.UseUrls("http://127.0.0.1:0");

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
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

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
    public HttpClient Replayer() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

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
