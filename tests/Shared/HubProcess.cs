using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tls;

namespace Hall.Tests.Shared;

/// <summary>
/// A real county hub: the CountyHub executable as its own process on loopback over HTTPS, a temporary data directory,
/// SQLite or a PostgreSQL database. It can be stopped, killed and started again on the same data (on a new port).
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly ProcessLog _log = new();
    private ChildProcess? _process;

    /// <param name="postgres">An Npgsql connection string; null: the hub's default SQLite file.</param>
    public HubProcess(string? postgres = null)
    {
        Postgres = postgres;
        DataDirectory = Path.Combine(Path.GetTempPath(), "hall-hub-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>The hub's Hub:MonitorToken: <see cref="Client"/> sends it, so a test reads /metrics and the full /healthz.</summary>
    public string MonitorToken { get; } = "monitor-" + Guid.NewGuid().ToString("N");

    /// <summary>The password of the county admin "admin" (Hub:BootstrapAdminPassword).</summary>
    public string AdminPassword { get; } = "county-test-2026";

    public string? Postgres { get; }

    public int Port { get; private set; }

    public bool HasExited => _process?.HasExited ?? true;

    public int ExitCode => _process?.ExitCode ?? 0;

    public Uri BaseUri => new($"https://127.0.0.1:{Port}/");

    public string Log => _log.Text;

    public ProcessLog Output => _log;

    /// <summary>The SHA-256 of the hub's certificate, as <c>hallctl hub enroll</c> prints it (made before the first start).</summary>
    public string Fingerprint
    {
        get
        {
            using var certificate = HubCertificate.LoadOrCreate(DataDirectory, [], TimeProvider.System);
            return HubCertificate.Fingerprint(certificate);
        }
    }

    /// <summary>The arguments that point hallctl's hub commands at this hub's store.</summary>
    public string[] StoreArgs => Postgres is null ? ["--data-dir", DataDirectory] : ["--data-dir", DataDirectory, "--postgres", Postgres];

    public async Task StartAsync(params string[] extraArgs)
    {
        Port = FreePort();
        var args = new List<string>
        {
            $"--Hub:DataDirectory={DataDirectory}", $"--Hub:HttpsPort={Port}", "--Hub:BindAddress=127.0.0.1",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning", $"--Hub:MonitorToken={MonitorToken}", $"--Hub:BootstrapAdminPassword={AdminPassword}",
        };
        if (Postgres is not null)
        {
            args.Add("--Hub:Database=postgres");
            args.Add($"--Hub:ConnectionString={Postgres}");
        }

        _process?.Dispose();
        _process = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "Hall.CountyHub.dll"), args.Concat(extraArgs), _log, DataDirectory);
        using var http = Client(TimeSpan.FromSeconds(2));
        await _process.WaitHealthyAsync(http, new Uri(BaseUri, "healthz"), "hub", _log);
    }

    /// <summary>An HTTPS client that trusts this hub's certificate by its fingerprint, as a box does, and holds the monitor token.</summary>
    public HttpClient Client(TimeSpan? timeout = null)
    {
        var client = Stranger(timeout);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MonitorToken);
        return client;
    }

    /// <summary>An HTTPS client that trusts this hub's certificate and holds nothing else: anyone on the network.</summary>
    public HttpClient Stranger(TimeSpan? timeout = null)
    {
        var fingerprint = Fingerprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && Convert.ToHexStringLower(SHA256.HashData(cert.RawData)) == fingerprint,
        };
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };
    }

    /// <summary>The hub's database, opened as the hub opens it (for a test's questions a county analyst would ask).</summary>
    public HubDatabase OpenDatabase() => Postgres is null ? HubDatabase.Sqlite(Path.Combine(DataDirectory, "hub.db")) : HubDatabase.Postgres(Postgres);

    public async Task<long> ScalarAsync(string sql)
    {
        using var database = OpenDatabase();
        await using var connection = await database.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Kill() => _process?.Kill();

    public Task StopAsync() => _process?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Stops the hub and fails the test when it logged an error the test did not expect.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        var unexpected = _log.UnexpectedErrors;
        Assert.True(unexpected.Count == 0, $"The hub logged {unexpected.Count} error(s) the test did not expect:\n{string.Join("\n", unexpected)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
