using System.Globalization;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.Benchmarks;

/// <summary>
/// The box as a child process (Hall.FirmwareHost.dll) on loopback ports, with a fresh data directory whose
/// devices were enrolled before it started. Extra categories are seeded on its command line so that the
/// 999-tickets-a-day limit per category does not end a phase early.
/// </summary>
public sealed class BoxTarget : IBenchTarget
{
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _directory;

    private BoxTarget(ChildProcess process, DirectoryInfo directory, int port, int httpPort, string hallId, Fleet fleet)
    {
        _process = process;
        _directory = directory;
        Port = port;
        HttpPort = httpPort;
        HallId = hallId;
        Fleet = fleet;
    }

    public string Name => "box";

    public string Host => "127.0.0.1";

    public int Port { get; }

    public int HttpPort { get; }

    /// <summary>HTTPS, the only way to the admin console.</summary>
    public int HttpsPort { get; private init; }

    /// <summary>Trusts this box's own certificate and nothing else.</summary>
    public HttpClientHandler TrustBox(HttpClientHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            using var mine = Hall.Contract.Tls.BoxCertificate.ReadPublic(_directory.FullName);
            return mine is not null && Hall.Contract.Tls.SelfSignedCertificate.Matches(certificate, Hall.Contract.Tls.BoxCertificate.Fingerprint(mine));
        };
        return handler;
    }

    public string HallId { get; }

    public Fleet Fleet { get; }

    public string LogPath => _process.LogPath;

    /// <summary>The box's process id (the dotnet host runs the box in this process; its ffmpegs are its children).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines of the box's log.</summary>
    public string LogTail(int lines = 30) => _process.Tail(lines);

    /// <summary>Ticket categories asked to be seeded; the benchmark checks which the box really serves.</summary>
    public static IReadOnlyList<string> SeededCategories { get; } = ["A", "B", "C", "D", "E", "F", "G", "H"];

    /// <summary>Where <c>dotnet build firmware-host -c Release</c> puts the box, searched upwards from here.</summary>
    public static string? FindBox()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "firmware-host", "bin", "Release", "net10.0", "Hall.FirmwareHost.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <param name="extraArguments">More settings for the box's command line (e.g. counter cameras).</param>
    public static async Task<BoxTarget> StartAsync(string boxDll, string hallId, int kiosks, int displays, CancellationToken cancellationToken, IEnumerable<string>? extraArguments = null)
    {
        var directory = Directory.CreateTempSubdirectory("hall-bench-");
        var database = new HallDatabase(Path.Combine(directory.FullName, "hall.db"));
        Migrator.Apply(database, new StoreMigrations().Migrations.Concat(new DeviceRegistryMigrations().Migrations), DateTimeOffset.UtcNow);
        var registry = new DeviceRegistryService(database, TimeProvider.System);
        var enrolled = Fleet.Plan(kiosks, displays).Select(d => registry.Enroll(d.DeviceId, d.Role, d.Counter, note: "benchmark")).ToList();
        SqliteConnection.ClearAllPools();
        var fleet = new Fleet(
            enrolled.Where(d => d.Role == DeviceRegistryService.RoleName(DeviceRole.Kiosk)).ToList(),
            enrolled.Where(d => d.Role == DeviceRegistryService.RoleName(DeviceRole.Caller)).ToList(),
            enrolled.Where(d => d.Role == DeviceRegistryService.RoleName(DeviceRole.Display)).ToList());

        var ports = Hall.FirmwareHost.IntegrationTests.BoxProcess.FreePorts(4);
        var (mqttPort, httpPort) = (ports[0], ports[1]);
        var arguments = new List<string>
        {
            boxDll,
            $"--Box:HallId={hallId}",
            $"--Box:DataDirectory={directory.FullName}",
            $"--Box:MqttPort={mqttPort}",
            $"--Box:HttpPort={httpPort}",
            $"--Box:MqttTlsPort={ports[2]}",
            $"--Box:HttpsPort={ports[3]}",

            // Plain MQTT on loopback, as the benchmarks compare it with a bare round trip and Mosquitto.
            "--Box:BindAddress=127.0.0.1",
            "--Box:DeviceLanIsolated=true",
            "--Box:DeviceLanAddress=127.0.0.1",
            "--Box:Demo=false",
            "--Logging:LogLevel:Default=Warning",
        };
        arguments.AddRange(CatalogueArguments());
        arguments.AddRange(extraArguments ?? []);
        var process = ChildProcess.Start("dotnet", arguments, Path.Combine(directory.FullName, "box.log"));
        var target = new BoxTarget(process, directory, mqttPort, httpPort, hallId, fleet) { HttpsPort = ports[3] };
        try
        {
            await target.WaitHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync(keepDirectory: true);
            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAsync(keepDirectory: false);

    private static IEnumerable<string> CatalogueArguments()
    {
        var categories = SeededCategories;
        for (var i = 0; i < categories.Count; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"--Queue:Categories:{i}:Prefix={categories[i]}");
            yield return string.Create(CultureInfo.InvariantCulture, $"--Queue:Categories:{i}:Name=类别{categories[i]}");
        }

        for (var c = 0; c < Fleet.Counters; c++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"--Queue:Counters:{c}:Id={c + 1}");
            yield return string.Create(CultureInfo.InvariantCulture, $"--Queue:Counters:{c}:Name={c + 1}号窗口");
            for (var k = 0; k < categories.Count; k++)
            {
                // Each counter serves every category, starting from a different one.
                yield return string.Create(CultureInfo.InvariantCulture, $"--Queue:Counters:{c}:Categories:{k}={categories[(k + c) % categories.Count]}");
            }
        }
    }

    private async Task WaitHealthyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + limit;
        var url = new Uri($"http://127.0.0.1:{HttpPort}/healthz");
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The box exited during start. Last lines of {_process.LogPath}:\n{_process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer during start.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The box did not answer {url} with 200 within {limit.TotalSeconds:F0} s. Last lines of {_process.LogPath}:\n{_process.Tail()}");
    }

    private async ValueTask DisposeAsync(bool keepDirectory)
    {
        await _process.DisposeAsync();
        if (!keepDirectory)
        {
            try
            {
                _directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left in /tmp; harmless.
            }
        }
    }
}
