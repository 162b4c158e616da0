using Hall.Store;
using Hall.Store.Writer;
using Microsoft.Data.Sqlite;

namespace Hall.Core.Tests;

public sealed class StoreTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Migrations_apply_once_in_order_and_a_gap_is_refused()
    {
        var steps = new[]
        {
            new Migration("t", 2, "ALTER TABLE t_items ADD COLUMN note TEXT;"),
            new Migration("t", 1, "CREATE TABLE t_items(id INTEGER PRIMARY KEY);"),
        };

        Assert.Equal(2, Migrator.Apply(_db.Database, steps, DateTimeOffset.UtcNow).Count);
        Assert.Empty(Migrator.Apply(_db.Database, steps, DateTimeOffset.UtcNow));
        Assert.Throws<InvalidOperationException>(() => Migrator.Apply(_db.Database, [new Migration("u", 2, "SELECT 1;")], DateTimeOffset.UtcNow));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_store_and_a_data_directory_it_makes_are_readable_by_the_service_user_alone()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hall-private-" + Guid.NewGuid().ToString("N")[..12], "data");
        try
        {
            var database = new HallDatabase(Path.Combine(directory, "hall.db"));
            using (var connection = database.Open())
            {
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (1);";
                command.ExecuteNonQuery();
            }

            const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(directory) & Others);
            Assert.All(Directory.GetFiles(directory), f => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(f) & Others));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }

    [Fact]
    public void The_store_runs_in_wal_mode_with_full_sync()
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)command.ExecuteScalar()!);
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public void Outbox_numbers_are_never_reused_after_pruning()
    {
        using var connection = _db.Database.Open();
        long first;
        using (var tx = connection.BeginTransaction())
        {
            first = Outbox.Append(tx, "A", "{}", DateTimeOffset.UtcNow);
            tx.Commit();
        }

        using (var prune = connection.CreateCommand())
        {
            prune.CommandText = "DELETE FROM outbox";
            prune.ExecuteNonQuery();
        }

        using var tx2 = connection.BeginTransaction();
        var second = Outbox.Append(tx2, "B", "{}", DateTimeOffset.UtcNow);
        tx2.Commit();
        Assert.True(second > first);
        Assert.Matches("^[0-9a-f]{16}$", Outbox.Epoch(connection));
    }

    [Fact]
    public void The_request_log_keeps_the_first_reply()
    {
        using var connection = _db.Database.Open();
        using var tx = connection.BeginTransaction();
        RequestLog.Record(tx, "kiosk-1", "r1", "ticket", "{\"ticketNo\":\"A001\"}", DateTimeOffset.UtcNow);
        RequestLog.Record(tx, "kiosk-1", "r1", "ticket", "{\"ticketNo\":\"A002\"}", DateTimeOffset.UtcNow);
        Assert.Equal("{\"ticketNo\":\"A001\"}", RequestLog.Find(tx, "kiosk-1", "r1"));
        Assert.Null(RequestLog.Find(tx, "kiosk-2", "r1"));
    }

    [Fact]
    public void Prepared_statements_serve_one_transaction_after_another()
    {
        using var connection = _db.Database.Open();
        using var statements = new PreparedStatements(connection);
        var seqs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            using var tx = connection.BeginTransaction();
            RequestLog.Record(statements, tx, "kiosk-1", $"r{i}", "ticket", $"{{\"ticketNo\":\"A00{i}\"}}", DateTimeOffset.UtcNow);
            RequestLog.Record(statements, tx, "kiosk-1", $"r{i}", "ticket", "{\"ticketNo\":\"X\"}", DateTimeOffset.UtcNow);
            seqs.Add(Outbox.Append(statements, tx, "T", "{}", DateTimeOffset.UtcNow));
            tx.Commit();
        }

        using (var tx = connection.BeginTransaction())
        {
            // The prepared and the one-off statements see the same rows.
            Assert.Equal("{\"ticketNo\":\"A001\"}", RequestLog.Find(statements, tx, "kiosk-1", "r1"));
            Assert.Equal("{\"ticketNo\":\"A002\"}", RequestLog.Find(tx, "kiosk-1", "r2"));
            Assert.Null(RequestLog.Find(statements, tx, "kiosk-2", "r1"));
        }

        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(3, seqs.Distinct().Count());
        Assert.Equal(3L, Outbox.Count(connection));
    }

    [Fact]
    public async Task Concurrent_commands_share_commits_and_each_caller_sees_its_committed_result()
    {
        Migrator.Apply(_db.Database, [new Migration("c", 1, "CREATE TABLE c_n(v INTEGER NOT NULL);")], DateTimeOffset.UtcNow);
        var next = 0;
        await using var running = await RunningWriter.StartAsync(_db.Database, TimeProvider.System);
        var writer = running.Writer;

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => writer.SubmitAsync(new DelegateCommand("insert", context =>
        {
            var value = ++next;
            Insert(context, value);
            return value;
        })))));

        Assert.Equal(Enumerable.Range(1, 500), results.Cast<int>().Order());
        Assert.True(writer.Commits < 500, $"{writer.Commits} commits for 500 commands: no grouping");
        Assert.Equal(500, writer.CommandsCommitted);
        Assert.Equal(500L, _db.Scalar("SELECT count(*) FROM c_n"));
    }

    [Fact]
    public async Task A_failed_commit_fails_every_command_in_it_and_changes_nothing()
    {
        Migrator.Apply(_db.Database, [new Migration("c", 1, "CREATE TABLE c_n(v INTEGER NOT NULL);")], DateTimeOffset.UtcNow);
        var participant = new CountingParticipant();
        await using var running = await RunningWriter.StartAsync(_db.Database, TimeProvider.System);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => running.Writer.SubmitAsync(new DelegateCommand("null", context => Insert(context, null), participant)));
        Assert.Equal(7, await running.Writer.SubmitAsync(new DelegateCommand("seven", context => Insert(context, 7), participant)));

        Assert.Equal(1, participant.RolledBack);
        Assert.Equal(1L, _db.Scalar("SELECT count(*) FROM c_n"));
    }

    [Fact]
    public async Task A_bad_command_fails_alone_and_the_commands_grouped_with_it_are_kept()
    {
        Migrator.Apply(_db.Database, [new Migration("c", 1, "CREATE TABLE c_n(v INTEGER NOT NULL);")], DateTimeOffset.UtcNow);
        var participant = new CountingParticipant();
        await using var running = await RunningWriter.StartAsync(_db.Database, TimeProvider.System);
        using var gate = new ManualResetEventSlim();

        // The first command holds the writer, so the next three arrive together and share one group.
        var held = await running.Writer.EnqueueAsync(new DelegateCommand("held", context =>
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return Insert(context, 1);
        }));
        var good = await running.Writer.EnqueueAsync(new DelegateCommand("good", context => Insert(context, 2), participant));
        var bad = await running.Writer.EnqueueAsync(new DelegateCommand("bad", context => Insert(context, null), participant));
        var alsoGood = await running.Writer.EnqueueAsync(new DelegateCommand("also-good", context => Insert(context, 3)));
        gate.Set();

        Assert.Equal(1, await held);
        Assert.Equal(2, await good);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => bad);
        Assert.Equal(3, await alsoGood);
        Assert.Equal(6L, _db.Scalar("SELECT sum(v) FROM c_n"));
        Assert.True(participant.RolledBack >= 1, "the participant reloaded after the failed group");
    }

    private static object? Insert(WriteContext context, int? value)
    {
        using var insert = context.Connection.CreateCommand();
        insert.Transaction = context.Transaction;
        insert.CommandText = "INSERT INTO c_n(v) VALUES ($v)";
        insert.Parameters.AddWithValue("$v", (object?)value ?? DBNull.Value);
        insert.ExecuteNonQuery();
        return value;
    }

    private sealed class CountingParticipant : IWriteParticipant
    {
        public int RolledBack { get; private set; }

        void IWriteParticipant.RolledBack(Exception exception) => RolledBack++;
    }
}
