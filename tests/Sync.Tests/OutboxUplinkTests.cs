using Hall.Contract.Uplink;
using Hall.Store.Uplink;
using Microsoft.Data.Sqlite;

namespace Hall.Sync.Tests;

public sealed class OutboxUplinkTests : IDisposable
{
    private static readonly DateTimeOffset Today = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void The_hybrid_clock_never_goes_back_when_the_wall_clock_is_set_to_1970()
    {
        _store.Append(3, Today);
        _store.Append(3, DateTimeOffset.UnixEpoch.AddDays(1));
        _store.Append(1, Today.AddMinutes(1));

        var hlcs = Hlcs();
        Assert.Equal(7, hlcs.Count);
        Assert.True(hlcs.Zip(hlcs.Skip(1)).All(p => p.Second > p.First), "every row's hybrid time is after the one before");
        Assert.Equal(Today, HybridTime.PhysicalOf(hlcs[3]).AddTicks(-(HybridTime.PhysicalOf(hlcs[3]).Ticks % TimeSpan.TicksPerMillisecond)), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void The_clock_stays_past_the_hub_time_it_has_seen_and_past_pruned_rows()
    {
        _store.Append(1, DateTimeOffset.UnixEpoch);
        var hub = HybridTime.FromWall(Today);
        using (var connection = _store.Open())
        using (var tx = connection.BeginTransaction())
        {
            OutboxFeed.Acknowledge(tx, 1, hub, Today);
            tx.Commit();
        }

        using (var connection = _store.Open())
        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM outbox";
            delete.ExecuteNonQuery();
        }

        _store.Append(1, DateTimeOffset.UnixEpoch.AddHours(1));
        Assert.True(Hlcs().Single() > hub);
    }

    [Fact]
    public void Every_start_begins_an_epoch_and_a_batch_never_spans_two()
    {
        _store.Append(5, Today);
        _store.Start(Today.AddHours(1));
        _store.Append(5, Today.AddHours(1));

        using var connection = _store.Open();
        var epochs = Epochs.All(connection);
        Assert.Equal(2, epochs.Count);
        Assert.Equal(6, epochs[1].FirstSeq);

        var first = OutboxFeed.Next(connection, 0, 100, 1 << 20)!;
        Assert.Equal((1L, 5L, epochs[0].Epoch, 5L), (first.First, first.Last, first.Epoch, first.EpochLast));
        var second = OutboxFeed.Next(connection, 5, 100, 1 << 20)!;
        Assert.Equal((6L, 10L, epochs[1].Epoch, 6L), (second.First, second.Last, second.Epoch, second.EpochStart));
        Assert.Null(OutboxFeed.Next(connection, 10, 100, 1 << 20));
    }

    [Fact]
    public void A_start_with_no_event_leaves_no_empty_epoch_behind()
    {
        _store.Start(Today.AddMinutes(1));
        _store.Start(Today.AddMinutes(2));
        using var connection = _store.Open();
        Assert.Single(Epochs.All(connection));
    }

    [Fact]
    public void A_box_restored_from_a_backup_numbers_its_new_events_in_a_new_epoch()
    {
        _store.Append(5, Today);
        var backup = Path.Combine(_store.Directory, "backup.db");
        using (var connection = _store.Open())
        using (var vacuum = connection.CreateCommand())
        {
            vacuum.CommandText = $"VACUUM INTO '{backup}'";
            vacuum.ExecuteNonQuery();
        }

        _store.Append(5, Today.AddHours(1));
        string before;
        using (var connection = _store.Open())
        {
            before = Epochs.All(connection).Single().Epoch;
        }

        // The box dies; the technician restores last night's backup; the box starts on it.
        SqliteConnection.ClearAllPools();
        File.Copy(backup, _store.Database.Path, overwrite: true);
        File.Delete(_store.Database.Path + "-wal");
        File.Delete(_store.Database.Path + "-shm");
        var after = _store.Start(Today.AddDays(1));
        _store.Append(2, Today.AddDays(1));

        using var restored = _store.Open();
        var fresh = OutboxFeed.Next(restored, 5, 100, 1 << 20)!;
        Assert.Equal(6, fresh.First);
        Assert.Equal(after, fresh.Epoch);
        Assert.NotEqual(before, fresh.Epoch);
    }

    [Fact]
    public void A_batch_says_so_when_rows_the_hub_lacks_are_gone()
    {
        _store.Append(10, Today);
        using var connection = _store.Open();
        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM outbox WHERE seq <= 6";
            delete.ExecuteNonQuery();
        }

        // The hub answered mark 3 (restored from an old backup): the box holds from 7 on.
        var batch = OutboxFeed.Next(connection, 3, 100, 1 << 20)!;
        Assert.Equal(7, batch.First);
        Assert.Equal(7, batch.SkipTo);
        Assert.Null(OutboxFeed.Next(connection, 6, 100, 1 << 20)!.SkipTo);
    }

    [Fact]
    public void The_backlog_counts_only_what_the_hub_has_not_acknowledged()
    {
        _store.Append(10, Today);
        _store.Acknowledge(4, Today);
        using var connection = _store.Open();
        Assert.Equal(6, OutboxFeed.Backlog(connection).Events);
        Assert.Equal(4, OutboxFeed.AckedSeq(connection));
        Assert.Equal(Today, OutboxFeed.LastSuccess(connection));
    }

    private List<long> Hlcs()
    {
        using var connection = _store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hlc FROM outbox ORDER BY seq";
        using var reader = command.ExecuteReader();
        var list = new List<long>();
        while (reader.Read())
        {
            list.Add(reader.GetInt64(0));
        }

        return list;
    }
}
