using Hall.Contract.Events;
using Hall.Queue.Persistence;
using Hall.Store.Alerts;
using Hall.Store.Writer;
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
    private readonly Dictionary<QueueService, RunningWriter> _services = [];

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

    /// <summary>A queue over the fixture's file with its own running writer, whose listeners are <see cref="Handler"/> and the publisher.</summary>
    public async Task<QueueService> CreateServiceAsync(Action<QueueOptions>? configure = null, IHallEventHandler? listener = null, IRatingGate? ratingGate = null)
    {
        var options = new QueueOptions();
        configure?.Invoke(options);
        // The alert board publishes what the queue's supervisor raises, as in the box.
        AlertBoard? board = null;
        var writer = await RunningWriter.StartAsync(Database, Time, () => listener is null ? [Handler, board!] : [Handler, board!, listener], Publisher);
        board = new AlertBoard(writer.Writer, Publisher, Database, NullLogger<AlertBoard>.Instance);
        var service = new QueueService(Database, Publisher, writer.Writer, new FakeStaffDirectory(), Options.Create(options), new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Time), Time, NullLogger<QueueService>.Instance, ratingGate);
        service.Start();
        _services.Add(service, writer);
        return service;
    }

    /// <summary>The writer a service was created with.</summary>
    public RunningWriter WriterOf(QueueService service) => _services[service];

    /// <summary>Completes once every listener (the recording handler, the publisher) has seen everything committed so far.</summary>
    public async Task SettledAsync()
    {
        foreach (var writer in _services.Values)
        {
            await writer.SettledAsync();
        }
    }

    /// <summary>Stops the service's writer as a box shutdown would (the next service over the same file is a restart).</summary>
    public async Task StopAsync(QueueService service)
    {
        await SettledAsync();
        await _services[service].DisposeAsync();
        _services.Remove(service);
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
        foreach (var writer in _services.Values)
        {
            await writer.DisposeAsync();
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
