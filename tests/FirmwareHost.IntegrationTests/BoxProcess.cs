using System.Net;
using System.Net.Sockets;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Store;
using Hall.Tests.Shared;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// A real box: the firmware-host executable as its own process on loopback, free ports and a
/// temporary data directory. It can be killed (SIGKILL) and started again on the same data.
/// </summary>
public sealed class BoxProcess : IAsyncDisposable
{
    private readonly ProcessLog _log = new();
    private ChildProcess? _process;

    /// <param name="dataDirectory">Where the box keeps its data (a test's own filesystem, e.g. a small tmpfs); default a new temporary folder.</param>
    public BoxProcess(string hallId = "t1", string? dataDirectory = null)
    {
        HallId = hallId;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "hall-it-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataDirectory);
        var ports = FreePorts(4);
        (MqttPort, HttpPort, MqttTlsPort, HttpsPort) = (ports[0], ports[1], ports[2], ports[3]);
        Database = new HallDatabase(Path.Combine(DataDirectory, "hall.db"));
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new DeviceRegistryMigrations().Migrations), DateTimeOffset.UtcNow);
        Registry = new DeviceRegistryService(Database, TimeProvider.System);
    }

    public string HallId { get; }

    public string DataDirectory { get; }

    public int MqttPort { get; private set; }

    public int HttpPort { get; private set; }

    public HallDatabase Database { get; }

    public DeviceRegistryService Registry { get; }

    /// <summary>Plain HTTP: public pages only, and only while <see cref="DeviceLanIsolated"/>.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>MQTT over TLS with the box's certificate.</summary>
    public int MqttTlsPort { get; private set; }

    /// <summary>HTTPS: every page, and the only way to the admin console and the counter page.</summary>
    public int HttpsPort { get; private set; }

    public Uri HttpsUri => new($"https://127.0.0.1:{HttpsPort}/");

    /// <summary>
    /// Started with Box:DeviceLanIsolated (plain MQTT and HTTP on 127.0.0.1 beside TLS), as most tests talk plain MQTT
    /// with mosquitto clients. False: TLS listeners only, as a box ships.
    /// </summary>
    public bool DeviceLanIsolated { get; set; } = true;

    /// <summary>The box's certificate file (PEM), made by the box at its first start.</summary>
    public string CertificatePath => Path.Combine(DataDirectory, Hall.Contract.Tls.BoxCertificate.CertificateFile);

    /// <summary>The fingerprint of the certificate the box made, as its console shows it.</summary>
    public string CertificateSha256
    {
        get
        {
            using var certificate = Hall.Contract.Tls.BoxCertificate.ReadPublic(DataDirectory) ?? throw new InvalidOperationException("The box has not made its certificate yet.");
            return Hall.Contract.Tls.BoxCertificate.Fingerprint(certificate);
        }
    }

    /// <summary>True for the box's own certificate only (what a pinned device checks).</summary>
    public bool IsBoxCertificate(System.Security.Cryptography.X509Certificates.X509Certificate? certificate)
    {
        using var mine = Hall.Contract.Tls.BoxCertificate.ReadPublic(DataDirectory);
        return mine is not null && Hall.Contract.Tls.SelfSignedCertificate.Matches(certificate, Hall.Contract.Tls.BoxCertificate.Fingerprint(mine));
    }

    /// <summary>Makes <paramref name="handler"/> trust this box's certificate, and nothing else.</summary>
    public HttpClientHandler TrustBox(HttpClientHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            using var mine = Hall.Contract.Tls.BoxCertificate.ReadPublic(DataDirectory);
            return mine is not null && Hall.Contract.Tls.SelfSignedCertificate.Matches(certificate, Hall.Contract.Tls.BoxCertificate.Fingerprint(mine));
        };
        return handler;
    }

    /// <summary>
    /// Chromium's switch to trust this box's key and no other (pass it at launch, after the box has started): pages
    /// load over HTTPS without a blanket "ignore certificate errors".
    /// </summary>
    public string ChromiumTrustArgument
    {
        get
        {
            using var certificate = Hall.Contract.Tls.BoxCertificate.ReadPublic(DataDirectory) ?? throw new InvalidOperationException("The box has not made its certificate yet.");
            var spki = System.Security.Cryptography.SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());
            return "--ignore-certificate-errors-spki-list=" + Convert.ToBase64String(spki);
        }
    }

    /// <summary>An HTTPS client for staff pages, trusting this box's certificate (cookies kept, redirects followed).</summary>
    public HttpClient CreateHttpsClient() => new(TrustBox(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })) { BaseAddress = HttpsUri };

    public string Log => _log.Text;

    public bool HasExited => _process?.HasExited ?? true;

    public int ExitCode => _process?.ExitCode ?? 0;

    /// <summary>
    /// The box's wall clock, set apart from the machine's with libfaketime (Debian faketime): "@1970-01-02 08:00:00"
    /// for a box without a real-time clock after a power cut, "+3h" for one running three hours fast. Null: the real clock.
    /// </summary>
    public string? FakeClock { get; set; }

    /// <summary>Errors the box logged that the test did not declare with <see cref="ExpectErrors"/>.</summary>
    public IReadOnlyList<string> UnexpectedErrors => _log.UnexpectedErrors;

    /// <summary>Declares errors this test provokes on purpose (a fragment of the logger's name or of the message).</summary>
    public void ExpectErrors(params string[] fragments) => _log.Expect(fragments);

    public DeviceCredentials Enroll(string id, DeviceRole role, string? counter = null) => Registry.Enroll(id, role, counter);

    public async Task StartAsync(params string[] extraArgs)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Hall.FirmwareHost.dll");
        string[] args =
        [
            $"--Box:HallId={HallId}", $"--Box:DataDirectory={DataDirectory}",
            "--Box:BindAddress=127.0.0.1", "--Box:Demo=false",
            .. (DeviceLanIsolated ? (string[])["--Box:DeviceLanIsolated=true", "--Box:DeviceLanAddress=127.0.0.1"] : []),
            // Reserve files of 1 MiB, not the 64 MiB a box keeps: dozens of test boxes share one disk (a test may set its own).
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Disk:ReserveFileMiB=1",
        ];
        var environment = FakeClock is null
            ? null
            : new Dictionary<string, string> { ["LD_PRELOAD"] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1", ["FAKETIME"] = FakeClock };
        for (var attempt = 1; ; attempt++)
        {
            _process?.Dispose();
            _process = ChildProcess.Start(dll, [.. args, .. PortArguments(), .. extraArgs], _log, AppContext.BaseDirectory, environment);
            try
            {
                // Over HTTPS, trusting only the certificate the box made: every test's box proves its TLS listener.
                using var http = new HttpClient(TrustBox(new HttpClientHandler())) { Timeout = TimeSpan.FromSeconds(2) };
                await _process.WaitHealthyAsync(http, new Uri(HttpsUri, "healthz"), "box", _log);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && _log.Text.Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took one of the four ports between choosing and binding: choose again. The box
                // itself stops with a clear message then (that is tested on its own); here it is the test's bad luck.
                _log.Forget();
                var ports = FreePorts(4);
                (MqttPort, HttpPort, MqttTlsPort, HttpsPort) = (ports[0], ports[1], ports[2], ports[3]);
            }
        }
    }

    private string[] PortArguments() =>
        [$"--Box:MqttPort={MqttPort}", $"--Box:HttpPort={HttpPort}", $"--Box:MqttTlsPort={MqttTlsPort}", $"--Box:HttpsPort={HttpsPort}"];

    /// <summary>A power cut, as near as a test can get: SIGKILL, no shutdown code runs.</summary>
    public void Kill() => _process?.Kill();

    public Task StopAsync() => _process?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Stops the box and fails the test when it logged an error the test did not expect.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        var unexpected = UnexpectedErrors;
        Assert.True(unexpected.Count == 0, $"The box logged {unexpected.Count} error(s) the test did not expect:\n{string.Join("\n", unexpected)}");
    }

    /// <summary>Loopback ports free right now and distinct, held open together as <see cref="FreePortPair"/> does.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
            listeners.ForEach(l => l.Dispose());
        }
    }

    /// <summary>Two loopback ports free right now and distinct: both listeners are held open together,
    /// so the OS cannot hand out the same port twice (it did once, on CI).</summary>
    public static (int First, int Second) FreePortPair()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        var pair = (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        first.Stop();
        second.Stop();
        return pair;
    }
}
