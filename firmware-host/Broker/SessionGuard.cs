using Hall.DeviceRegistry;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// Cuts the open sessions of a device within a second of its revocation or replacement, wherever that was done: the
/// admin page (in-process signal), hallctl writing the store from another process, or the county's downlink (both seen
/// through the devices table's change mark, polled every <see cref="PollInterval"/>). Also writes the broker's refusal
/// summaries when their window ends.
/// </summary>
public sealed partial class SessionGuard : BackgroundService
{
    /// <summary>Half of the one second a revocation may take; reading one row this often costs nothing.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly DeviceRegistryService _registry;
    private readonly HallBroker _broker;
    private readonly SessionSweepSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionGuard> _logger;

    public SessionGuard(DeviceRegistryService registry, HallBroker broker, SessionSweepSignal signal, TimeProvider time, ILogger<SessionGuard> logger)
    {
        _registry = registry;
        _broker = broker;
        _signal = signal;
        _time = time;
        _logger = logger;
        _registry.Changed += (_, _) => _signal.Poke();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, _time);
        long? seen = null;
        var readFailed = false;
        Task<bool>? tick = null;
        Task? poke = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            poke ??= _signal.WaitAsync(stoppingToken);
            var woke = await Task.WhenAny(tick, poke);
            var poked = woke == poke;
            if (poked)
            {
                await poke;
                poke = null;
            }
            else
            {
                if (!await tick)
                {
                    return;
                }

                tick = null;
            }

            _broker.WriteRefusalSummaries();
            if (!_broker.IsStarted || stoppingToken.IsCancellationRequested)
            {
                continue;
            }

            try
            {
                var mark = _registry.ChangeMark();
                if (!poked && mark == seen)
                {
                    continue;
                }

                var cut = await _broker.CutStaleSessionsAsync(_registry.ActiveCredentials());
                seen = mark;
                if (cut > 0)
                {
                    LogSwept(cut, mark);
                }

                readFailed = false;
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // A busy or failing store must not stop the box; the next poll tries again (seen is unchanged).
                if (!readFailed)
                {
                    LogReadFailed(ex.Message);
                }

                readFailed = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cut {Count} MQTT session(s) of revoked or replaced devices (devices change mark {Mark})")]
    private partial void LogSwept(int count, long mark);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the devices table to check open MQTT sessions ({Reason}); trying again")]
    private partial void LogReadFailed(string reason);
}
