using Hall.Store.Alerts;
using Hall.Store.Uplink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hall.Store;

/// <summary>
/// First thing the box does: bring the schema up to date before any service reads its tables.
/// Registered before every other hosted service, so they start on a migrated store.
/// </summary>
public sealed partial class StoreInitializer : IHostedService
{
    private readonly HallDatabase _database;
    private readonly IEnumerable<IMigrationSource> _sources;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreInitializer> _logger;

    public StoreInitializer(HallDatabase database, IEnumerable<IMigrationSource> sources, TimeProvider time, ILogger<StoreInitializer> logger)
    {
        _database = database;
        _sources = sources;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = Migrator.Apply(_database, _sources.SelectMany(s => s.Migrations), _time.GetUtcNow());
        foreach (var migration in applied)
        {
            LogApplied(migration.Owner, migration.Version);
        }

        // Conditions raised before a restart are decided again by their owners from what they see now.
        using (var connection = _database.Open())
        {
            var cleared = AlertStore.ClearAll(connection, _time.GetUtcNow());
            if (cleared > 0)
            {
                LogAlertsCleared(cleared);
            }

            // Every start begins an epoch: a store restored from a backup must not reuse (epoch, seq) keys the hub has.
            using var write = _database.BeginWrite(connection);
            var epoch = Epochs.Begin(write.Transaction, _time.GetUtcNow(), "start");
            write.Commit();
            LogEpoch(epoch);
        }

        LogReady(_database.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Owner} #{Version}")]
    private partial void LogApplied(string owner, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} alerts from before the restart set aside; their owners raise again what still holds")]
    private partial void LogAlertsCleared(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox epoch {Epoch} begun")]
    private partial void LogEpoch(string epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready at {Path}")]
    private partial void LogReady(string path);
}
