using Hall.CountyHub.Storage;
using Microsoft.Extensions.Logging;

namespace Hall.CountyHub;

/// <summary>Brings the schema up to date before the hub takes any batch (the first hosted service to start).</summary>
public sealed class HubInitializer : IHostedService
{
    private readonly HubDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<HubInitializer> _logger;

    public HubInitializer(HubDatabase database, TimeProvider time, ILogger<HubInitializer> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var migration in await HubMigrator.ApplyAsync(_database, _time.GetUtcNow(), cancellationToken))
        {
            Log.Migrated(_logger, migration.Version, migration.Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
