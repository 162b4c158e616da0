using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Devices.HallSimulator;
using Hall.FirmwareHost.Box;
using Hall.Queue;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Demo;

/// <summary>
/// Demo mode: a township hall's kiosks, callers and displays as real MQTT clients against this box,
/// with a morning peak of arrivals. They are enrolled like any device (fresh credentials at every
/// start) and go through the same broker, access policy and services as real ones.
/// </summary>
public sealed partial class DemoHall : BackgroundService
{
    private readonly BoxOptions _box;
    private readonly BoxTls _tls;
    private readonly DemoOptions _options;
    private readonly DeviceRegistryService _registry;
    private readonly QueueService _queue;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<DemoHall> _logger;

    public DemoHall(
        IOptions<BoxOptions> box,
        IOptions<DemoOptions> options,
        DeviceRegistryService registry,
        QueueService queue,
        BoxTls tls,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _box = box.Value;
        _options = options.Value;
        _registry = registry;
        _queue = queue;
        _tls = tls;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<DemoHall>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var counters = _queue.GetSnapshot().Counters.Select(c => c.Counter).ToList();
        var kiosks = Enumerable.Range(1, _options.Kiosks).Select(i => Enroll($"demo-kiosk-{i}", DeviceRole.Kiosk, null)).ToList();
        var callers = counters.Select(c => Enroll($"demo-caller-{c.ToLowerInvariant()}", DeviceRole.Caller, c)).ToList();
        var displays = Enumerable.Range(1, _options.Displays).Select(i => Enroll($"demo-display-{i}", DeviceRole.Display, null)).ToList();
        LogStarting(kiosks.Count, callers.Count, displays.Count, _options.TimeScale, _box.HttpsPort);
        EnrollWebDevices(counters);

        var simulation = new HallSimulation(_time, _loggers.CreateLogger<HallSimulation>());
        var report = await simulation.RunAsync(
            new SimulatorOptions
            {
                // Over TLS, pinning the box's certificate, as a real device does.
                BrokerHost = _box.BindAddress switch { "0.0.0.0" => "127.0.0.1", "::" => "::1", var address => address },
                BrokerPort = _box.MqttTlsPort,
                BoxCertificateSha256 = _tls.Fingerprint,
                HallId = _box.HallId,
                TimeScale = _options.TimeScale,
                Seed = _options.Seed,
                Repeat = true,
            },
            kiosks,
            callers,
            displays,
            stoppingToken);
        LogStopped(report);
    }

    private DeviceCredentials Enroll(string id, DeviceRole role, string? counter) =>
        _registry.Enroll(id, role, counter, replace: true, note: "demo");

    /// <summary>
    /// The demo's web kiosk, and a rating tablet and a counter page per counter, enrolled like a technician would (fresh
    /// setup links at every start, so an old browser's cookie stops working): the log prints each link to open once.
    /// </summary>
    private void EnrollWebDevices(IReadOnlyList<string> counters)
    {
        var web = new List<DeviceCredentials> { _registry.EnrollWeb("demo-web-kiosk", DeviceRole.Kiosk, null, replace: true, note: "demo") };
        foreach (var counter in counters)
        {
            web.Add(_registry.EnrollWeb($"demo-tablet-{counter.ToLowerInvariant()}", DeviceRole.Evaluator, counter, replace: true, note: "demo"));
            web.Add(_registry.EnrollWeb($"demo-counter-{counter.ToLowerInvariant()}", DeviceRole.Caller, counter, replace: true, note: "demo"));
        }

        foreach (var device in web)
        {
            var page = Access.DeviceSetupEndpoints.PageOf(new DeviceIdentity(device.DeviceId, Enum.Parse<DeviceRole>(device.Role, ignoreCase: true), device.Counter));
            LogWebDevice(device.DeviceId, page, _box.HttpPort, device.SetupPath!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo hall: {Kiosks} kiosks, {Callers} callers, {Displays} displays at {Scale}× real time. Open https://localhost:{Port}/display/hall")]
    private partial void LogStarting(int kiosks, int callers, int displays, double scale, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo web device {DeviceId} ({Page}): open http://localhost:{Port}{SetupPath} once in its browser")]
    private partial void LogWebDevice(string deviceId, string page, int port, string setupPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo hall stopped: {Report}")]
    private partial void LogStopped(SimulationReport report);
}
