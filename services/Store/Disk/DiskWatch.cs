using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hall.Store.Disk;

/// <summary>
/// Keeps the box able to write and to start. At start, before the store is opened (registered ahead of the
/// migrations), a disk too full for SQLite's journal gets its start reserve file deleted, so the box comes up and can
/// clean up. Then every <see cref="DiskOptions.CheckInterval"/>: expired reservations are released, the running reserve
/// file is deleted when the disk is nearly full, the store's write is probed (for /healthz), and the reserve files are
/// written again once there is room above the store's floor.
/// </summary>
public sealed class DiskWatch : BackgroundService
{
    /// <summary>Deleted while the box runs, when the disk is nearly full.</summary>
    public const string RunningReserveName = "disk-reserve.bin";

    /// <summary>Deleted only at start, when the disk is too full for the store to open.</summary>
    public const string StartReserveName = "disk-reserve-start.bin";

    private readonly DiskBudget _budget;
    private readonly StoreWriteProbe _probe;
    private readonly IFreeSpace _freeSpace;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<DiskWatch> _logger;

    public DiskWatch(DiskBudget budget, StoreWriteProbe probe, IFreeSpace freeSpace, string directory, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<DiskWatch> logger)
    {
        ArgumentNullException.ThrowIfNull(budget);
        _budget = budget;
        _probe = probe;
        _freeSpace = freeSpace;
        _directory = directory;
        _time = time;
        _lifetime = lifetime;
        _logger = logger;
        RunningReserve = new DiskReserveFile(Path.Combine(directory, RunningReserveName), budget.Options.ReserveFileBytes);
        StartReserve = new DiskReserveFile(Path.Combine(directory, StartReserveName), budget.Options.ReserveFileBytes);
    }

    public DiskReserveFile RunningReserve { get; }

    public DiskReserveFile StartReserve { get; }

    public StoreWriteState Store => _probe.Last;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the store opens: SQLite needs room for its journal to start, and the clean-up after it needs the store.
        var available = _freeSpace.AvailableBytes(_directory);
        if (available < NearlyFull)
        {
            foreach (var reserve in new[] { StartReserve, RunningReserve })
            {
                if (reserve.Release())
                {
                    Log.ReserveReleasedAtStart(_logger, reserve.Path, reserve.Bytes, available);
                    available = _freeSpace.AvailableBytes(_directory);
                    if (available >= NearlyFull)
                    {
                        break;
                    }
                }
            }
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>One round of the watch; the loop calls it, tests may too.</summary>
    public StoreWriteState Check()
    {
        var expired = _budget.ReleaseExpired();
        if (expired > 0)
        {
            Log.ReservationsExpired(_logger, expired);
        }

        var before = _probe.Last;
        var available = _freeSpace.AvailableBytes(_directory);
        if ((available < NearlyFull || !before.CanWrite) && RunningReserve.Release())
        {
            Log.ReserveReleased(_logger, RunningReserve.Path, RunningReserve.Bytes, available);
        }

        var state = _probe.Probe();
        if (!state.CanWrite && before.CanWrite)
        {
            Log.StoreCannotWrite(_logger, state.Code!, state.Detail ?? string.Empty);
        }
        else if (state.CanWrite && !before.CanWrite)
        {
            Log.StoreWritesAgain(_logger);
        }

        // One file a round, and only with room above the floor: writing a reserve never takes what the store needs.
        if (state.CanWrite && _freeSpace.AvailableBytes(_directory) >= _budget.Options.StoreFloorBytes + _budget.Options.ReserveFileBytes)
        {
            var missing = !StartReserve.IsPresent ? StartReserve : !RunningReserve.IsPresent ? RunningReserve : null;
            if (missing is not null && missing.TryCreate())
            {
                Log.ReserveWritten(_logger, missing.Path, missing.Bytes);
            }
        }

        return state;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first probe waits for the box to have started: the store's tables exist only after the migrations.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        while (true)
        {
            Check();
            await Task.Delay(_budget.Options.CheckInterval, _time, stoppingToken);
        }
    }

    // Less free than one reserve file: the next journal or checkpoint may not fit.
    private long NearlyFull => Math.Max(_budget.Options.ReserveFileBytes, StoreWriteProbe.GrowthBytes);
}
