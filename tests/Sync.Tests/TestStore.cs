using Hall.Store;
using Hall.Store.Uplink;
using Microsoft.Data.Sqlite;

namespace Hall.Sync.Tests;

/// <summary>A box store in a temporary folder, migrated and started as the box starts it (a new epoch).</summary>
public sealed class TestStore : IDisposable
{
    public TestStore(string? directory = null)
    {
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "hall-sync-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Database = new HallDatabase(Path.Combine(Directory, "hall.db"));
        Start(DateTimeOffset.UtcNow);
    }

    public string Directory { get; }

    public HallDatabase Database { get; }

    /// <summary>What the box does at every start: migrations, then a new epoch.</summary>
    public string Start(DateTimeOffset now)
    {
        Migrator.Apply(Database, new StoreMigrations().Migrations, now);
        using var connection = Database.Open();
        using var tx = connection.BeginTransaction();
        var epoch = Epochs.Begin(tx, now, "start");
        tx.Commit();
        return epoch;
    }

    public void Append(int count, DateTimeOffset at, string type = "TicketIssued")
    {
        using var connection = Database.Open();
        using var tx = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            Outbox.Append(tx, type, "{\"n\":" + i + "}", at);
        }

        tx.Commit();
    }

    public void Acknowledge(long seq, DateTimeOffset at)
    {
        using var connection = Database.Open();
        using var tx = connection.BeginTransaction();
        OutboxFeed.Acknowledge(tx, seq, 0, at);
        tx.Commit();
    }

    public SqliteConnection Open() => Database.Open();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
