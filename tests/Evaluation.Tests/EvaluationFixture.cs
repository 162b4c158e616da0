using Hall.Contract.Events;
using Hall.Evaluation.Persistence;
using Hall.Staff;
using Hall.Store.Alerts;
using Hall.Store.Writer;
using Hall.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Evaluation.Tests;

/// <summary>A real SQLite file in a temp folder with the store's, staff and evaluation migrations, a fake clock and a recording publisher.</summary>
public sealed class EvaluationFixture : IAsyncDisposable
{
    /// <summary>Wednesday 2026-09-30, 10:00 in Shanghai: the last working day before National Day.</summary>
    public static readonly DateTimeOffset BeforeNationalDay = new(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hall-evaluation-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<EvaluationService, RunningWriter> _services = [];

    public EvaluationFixture(DateTimeOffset? start = null)
    {
        Database = new HallDatabase(Path.Combine(_folder, "hall.db"));
        Time = new FakeTimeProvider(start ?? BeforeNationalDay);
        Clock = new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Time);
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new StaffMigrations().Migrations).Concat(new EvaluationMigrations().Migrations), Time.GetUtcNow());
        Staff = new StaffDirectory(Database, Options.Create(new StaffOptions()), Time, NullLogger<StaffDirectory>.Instance);
        Staff.Add(new NewStaff { StaffId = "s3", Name = "王芳", Role = "staff", Pin = "4071" }, StaffActor.Technician);
        Staff.Add(new NewStaff { StaffId = "s4", Name = "李强", Role = "staff", Pin = "5928" }, StaffActor.Technician);
        Staff.Add(new NewStaff { StaffId = "dm", Name = "赵敏", Role = "duty-manager", Pin = "6813" }, StaffActor.Technician);
    }

    public HallDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public HallClock Clock { get; }

    public StaffDirectory Staff { get; }

    public FakePublisher Publisher { get; } = new();

    public static DeviceIdentity Evaluator(string counter) => new($"eval-{counter}", DeviceRole.Evaluator, counter);

    /// <summary>An evaluation over the fixture's file with its own running writer; the alert board publishes its alerts, as in the box.</summary>
    public async Task<EvaluationService> CreateServiceAsync(Action<EvaluationOptions>? configure = null)
    {
        var options = new EvaluationOptions();
        configure?.Invoke(options);
        AlertBoard? board = null;
        var writer = await RunningWriter.StartAsync(Database, Time, () => [board!], Publisher);
        board = new AlertBoard(writer.Writer, Publisher, Database, NullLogger<AlertBoard>.Instance);
        var service = new EvaluationService(Database, Publisher, writer.Writer, Staff, Options.Create(options), Clock, NullLogger<EvaluationService>.Instance);
        service.Start();
        _services.Add(service, writer);
        return service;
    }

    /// <summary>Completes once the publisher and the alert board have seen everything committed so far.</summary>
    public async Task SettledAsync()
    {
        foreach (var writer in _services.Values)
        {
            await writer.SettledAsync();
        }
    }

    /// <summary>Stops the service's writer as a box shutdown would (the next service over the same file is a restart).</summary>
    public async Task StopAsync(EvaluationService service)
    {
        await SettledAsync();
        await _services[service].DisposeAsync();
        _services.Remove(service);
    }

    /// <summary>The queue finished <paramref name="ticketNo"/> at <paramref name="counter"/> now.</summary>
    public async Task FinishAsync(EvaluationService service, string ticketNo, string counter, string? staffId = "s3", string? serviceItem = "A-SB-001")
    {
        var now = Clock.Now();
        await service.HandleAsync(new TicketFinished(now, ticketNo, ticketNo[..1], counter, staffId, now.AddMinutes(-6)) { ServiceItem = serviceItem, CaseNumber = "BJ2026093000" + ticketNo[1..] }, CancellationToken.None);
    }

    public long Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The outbox rows of a type, as JSON text, oldest first.</summary>
    public IReadOnlyList<string> Outbox(string type)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM outbox WHERE type = $t ORDER BY seq";
        command.Parameters.AddWithValue("$t", type);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
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
