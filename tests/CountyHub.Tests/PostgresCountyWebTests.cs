using Hall.CountyHub.Storage;
using Hall.Tests.Shared;

namespace Hall.CountyHub.Tests;

/// <summary>The county web tests on PostgreSQL: one throwaway cluster for the class, a fresh database per test.</summary>
public sealed class PostgresCountyWebTests : CountyWebTests, IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;

    public PostgresCountyWebTests(PostgresServer server)
    {
        _server = server;
    }

    protected override async Task<HubDatabase> CreateDatabaseAsync() => HubDatabase.Postgres(await _server.CreateDatabaseAsync());
}
