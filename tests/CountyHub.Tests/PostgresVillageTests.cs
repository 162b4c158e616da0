using Hall.CountyHub.Storage;
using Hall.Tests.Shared;

namespace Hall.CountyHub.Tests;

/// <summary>The village tests on PostgreSQL: one throwaway cluster for the class, a fresh database per test.</summary>
public sealed class PostgresVillageTests(PostgresServer server) : VillageTests, IClassFixture<PostgresServer>
{
    protected override async Task<HubDatabase> CreateDatabaseAsync() => HubDatabase.Postgres(await server.CreateDatabaseAsync());
}
