using Hall.CountyHub.Storage;
using Hall.Tests.Shared;

namespace Hall.CountyHub.Tests;

/// <summary>The ingest tests on PostgreSQL: one throwaway cluster for the class, a fresh database per test.</summary>
public sealed class PostgresIngestTests : IngestTests, IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;

    public PostgresIngestTests(PostgresServer server)
    {
        _server = server;
    }

    protected override async Task<HubDatabase> CreateDatabaseAsync() => HubDatabase.Postgres(await _server.CreateDatabaseAsync());
}
