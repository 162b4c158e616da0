using Hall.Store.Disk;
using Hall.Tests.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests.Disk;

/// <summary>
/// The reserve files and the store's write probe, on a real store in a temporary folder; the free space the watch
/// decides by is the test's (the real full disk is in the box's integration test).
/// </summary>
public sealed class DiskWatchTests : IDisposable
{
    private const long MiB = 1024L * 1024;
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly FakeFreeSpace _disk;

    // A 1 GiB disk holding the reserve files (deleting one gives its bytes back). The store's own files are left out:
    // SQLite's WAL shrinks when it checkpoints, which would move the free space under the test by itself.
    public DiskWatchTests() => _disk = new FakeFreeSpace(1024 * MiB, _db.Directory, "disk-reserve*");

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Reserve_files_are_written_only_with_room_above_the_floor_one_per_round()
    {
        var watch = Watch();
        LeaveFree((8 * MiB) + (2 * MiB) - 1); // floor 8 MiB + one 2 MiB reserve does not quite fit

        watch.Check();
        Assert.False(watch.StartReserve.IsPresent);

        _disk.TakenElsewhere = 0;
        watch.Check();
        Assert.True(watch.StartReserve.IsPresent);
        Assert.False(watch.RunningReserve.IsPresent);
        watch.Check();
        Assert.True(watch.RunningReserve.IsPresent);
        Assert.Equal(2 * MiB, new FileInfo(watch.RunningReserve.Path).Length);
    }

    [Fact]
    public void A_nearly_full_disk_while_running_gives_up_the_running_reserve_and_keeps_the_one_for_start()
    {
        var watch = Watch();
        watch.Check();
        watch.Check();

        LeaveFree(MiB); // a runaway log took all but 1 MiB
        var state = watch.Check();

        Assert.False(watch.RunningReserve.IsPresent);
        Assert.True(watch.StartReserve.IsPresent);
        Assert.True(state.CanWrite);
    }

    [Fact]
    public async Task A_disk_too_full_at_start_gives_up_the_start_reserve_before_the_store_opens()
    {
        var watch = Watch();
        watch.Check();
        watch.Check();
        LeaveFree(0); // full to the last byte while the box was off

        // What the host does first at start (the watch is registered ahead of the store's migrations).
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        await watch.StartAsync(stop.Token);

        Assert.False(watch.StartReserve.IsPresent);
        Assert.True(watch.RunningReserve.IsPresent); // the disk showed room again after the first: it is kept
    }

    [Fact]
    public void A_store_that_writes_is_reported_writable()
    {
        var state = Watch().Check();

        Assert.True(state.CanWrite);
        Assert.Null(state.Code);
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM box_meta WHERE key = 'write_probe'"));
    }

    private DiskWatch Watch()
    {
        var budget = new DiskBudget(_disk, _db.Directory, new DiskOptions { StoreFloorMiB = 8, ReserveFileMiB = 2 }, _time);
        return new DiskWatch(budget, new StoreWriteProbe(_db.Database, _db.Directory, _time), _disk, _db.Directory, _time, new NoLifetime(), NullLogger<DiskWatch>.Instance);
    }

    private void LeaveFree(long bytes)
    {
        _disk.TakenElsewhere = 0;
        _disk.TakenElsewhere = _disk.AvailableBytes(_db.Directory) - bytes;
    }

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
