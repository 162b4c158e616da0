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
        (MqttPort, HttpPort) = FreePortPair();
        Database = new HallDatabase(Path.Combine(DataDirectory, "hall.db"));
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new DeviceRegistryMigrations().Migrations), DateTimeOffset.UtcNow);
        Registry = new DeviceRegistryService(Database, TimeProvider.System);
    }

    public string HallId { get; }

    public string DataDirectory { get; }

    public int MqttPort { get; }

    public int HttpPort { get; }

    public HallDatabase Database { get; }

    public DeviceRegistryService Registry { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");

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
            $"--Box:HallId={HallId}", $"--Box:DataDirectory={DataDirectory}", $"--Box:MqttPort={MqttPort}",
            $"--Box:HttpPort={HttpPort}", "--Box:BindAddress=127.0.0.1", "--Box:Demo=false",
            // Reserve files of 1 MiB, not the 64 MiB a box keeps: dozens of test boxes share one disk (a test may set its own).
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Disk:ReserveFileMiB=1", .. extraArgs,
        ];
        var environment = FakeClock is null
            ? null
            : new Dictionary<string, string> { ["LD_PRELOAD"] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1", ["FAKETIME"] = FakeClock };
        _process?.Dispose();
        _process = ChildProcess.Start(dll, args, _log, AppContext.BaseDirectory, environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await _process.WaitHealthyAsync(http, new Uri(BaseUri, "healthz"), "box", _log);
    }

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
