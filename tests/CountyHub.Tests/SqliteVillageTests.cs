using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Tests;

/// <summary>The village tests on SQLite, a fresh file per test.</summary>
public sealed class SqliteVillageTests : VillageTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-hub-" + Guid.NewGuid().ToString("N")[..12]);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected override Task<HubDatabase> CreateDatabaseAsync() => Task.FromResult(HubDatabase.Sqlite(Path.Combine(_directory, "hub.db")));
}
