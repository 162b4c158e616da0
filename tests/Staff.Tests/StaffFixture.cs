using Hall.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Staff.Tests;

/// <summary>A fresh store in a temp folder with the staff tables, and a directory over it on a fake clock.</summary>
public sealed class StaffFixture : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-staff-" + Guid.NewGuid().ToString("N"));

    public StaffFixture(StaffOptions? options = null)
    {
        Database = new HallDatabase(Path.Combine(_directory, "hall.db"));
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new StaffMigrations().Migrations), Time.GetUtcNow());
        Options = options ?? new StaffOptions { HashIterations = 1_000 };
        Directory = new StaffDirectory(Database, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<StaffDirectory>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 3, 1, 30, 0, TimeSpan.Zero));

    public HallDatabase Database { get; }

    public StaffOptions Options { get; }

    public StaffDirectory Directory { get; }

    public IReadOnlyList<(string Type, string Payload)> OutboxRows()
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, payload FROM outbox ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
