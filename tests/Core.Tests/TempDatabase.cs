using Hall.DeviceRegistry;
using Hall.Store;

namespace Hall.Core.Tests;

/// <summary>A real SQLite file in a temporary folder, migrated, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "hall-core-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Database = new HallDatabase(Path.Combine(Directory, "hall.db"));
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new DeviceRegistryMigrations().Migrations), DateTimeOffset.UtcNow);
    }

    public string Directory { get; }

    public HallDatabase Database { get; }

    public long Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
