using Hall.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Queue.Tests;

/// <summary>A real SQLite file in a temp folder, the store's and the queue's migrations, a fake clock and fake neighbours.</summary>
public sealed class QueueFixture : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hall-queue-" + Guid.NewGuid().ToString("N"));
    private readonly List<QueueService> _services = [];

    /// <summary>10:00 in Shanghai on a working day.</summary>
    public static readonly DateTimeOffset Morning = new(2025, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    public QueueFixture(DateTimeOffset? start = null)
    {
        Database = new HallDatabase(Path.Combine(_folder, "hall.db"));
        Time = new FakeTimeProvider(start ?? Morning);
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new QueueMigrations().Migrations), Time.GetUtcNow());
    }

    public HallDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public FakePublisher Publisher { get; } = new();

    public RecordingHandler Handler { get; } = new();

    public static DeviceIdentity Kiosk { get; } = new("kiosk-1", DeviceRole.Kiosk, null);

    public static DeviceIdentity Caller(string counter) => new($"caller-{counter}", DeviceRole.Caller, counter);

    public QueueService CreateService(Action<QueueOptions>? configure = null)
    {
        var options = new QueueOptions();
        configure?.Invoke(options);
        var service = new QueueService(Database, Publisher, new FakeStaffDirectory(), [Handler], Options.Create(options), new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Time), Time, NullLogger<QueueService>.Instance);
        service.Start();
        _services.Add(service);
        return service;
    }

    /// <summary>Disposes the service as a box shutdown would (the next one over the same file is a restart).</summary>
    public async Task StopAsync(QueueService service)
    {
        _services.Remove(service);
        await service.DisposeAsync();
    }

    public long Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
