using Hall.Contract.Events;
using Hall.Store;
using Hall.Store.Writer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Assessment.Tests;

/// <summary>
/// A real SQLite file with the store's and the assessment's migrations, a fake clock, and the queue's and evaluation's
/// events written as a hall would raise them (times are hall-local, Shanghai).
/// </summary>
public sealed class AssessmentHall : IAsyncDisposable
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hall-assessment-" + Guid.NewGuid().ToString("N"));

    public AssessmentHall(DateTimeOffset start)
    {
        Database = new HallDatabase(Path.Combine(_folder, "hall.db"));
        Time = new FakeTimeProvider(start);
        Clock = new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Time);
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new AssessmentMigrations().Migrations), Time.GetUtcNow());
        Service = Create();
    }

    public HallDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public HallClock Clock { get; }

    public AssessmentService Service { get; private set; }

    /// <summary>The day the events below happen on; change it to write another day.</summary>
    public DateOnly Day { get; set; } = new(2026, 11, 23);

    /// <summary>The writer the current service hands its facts to.</summary>
    public RunningWriter Writer { get; private set; } = null!;

    public AssessmentService Create()
    {
        AssessmentService? service = null;
        Writer = RunningWriter.StartAsync(Database, Time, () => [service!]).GetAwaiter().GetResult();
        return service = new(Database, Writer.Writer, Writer.Dispatcher, Clock, Options.Create(new AssessmentOptions { HallName = "示范镇便民服务中心" }), NullLogger<AssessmentService>.Instance);
    }

    /// <summary>Stops the service's writer as a box shutdown would, and starts a new one over the same file.</summary>
    public async Task RestartAsync()
    {
        await Writer.DisposeAsync();
        Service = Create();
    }

    public DateTimeOffset At(string hhmm) => new(Day.ToDateTime(TimeOnly.ParseExact(hhmm, "HH:mm", System.Globalization.CultureInfo.InvariantCulture)), China);

    public Task Issue(string ticket, string at) =>
        Raise(new TicketIssued(At(at), ticket, ticket[..1], null, At(at)));

    public Task Call(string ticket, string counter, string staff, string at) =>
        Raise(new TicketCalled(At(at), ticket, ticket[..1], counter, counter + "号窗口", false, staff));

    public Task Recall(string ticket, string counter, string staff, string at) =>
        Raise(new TicketCalled(At(at), ticket, ticket[..1], counter, counter + "号窗口", true, staff));

    public Task Finish(string ticket, string counter, string staff, string name, string calledAt, string at) =>
        Raise(new TicketFinished(At(at), ticket, ticket[..1], counter, staff, At(calledAt)) { StaffName = name });

    public Task Skip(string ticket, string counter, string at) =>
        Raise(new TicketSkipped(At(at), ticket, ticket[..1], counter));

    public Task Transfer(string ticket, string from, string to, string at) =>
        Raise(new TicketTransferred(At(at), ticket, from, null, to));

    public Task Rate(string ticket, string counter, string staff, int level, string at, string? caseId = null) =>
        Raise(new RatingAccepted(At(at), "R-" + ticket, ticket, counter, staff, level, "evaluator", caseId));

    public Task NotRated(string ticket, string counter, string staff, string at) =>
        Raise(new RatingTimedOut(At(at), ticket, counter, staff));

    public Task Case(string caseId, string ticket, string counter, string staff, string state, bool overdue, string at) =>
        Raise(new BadReviewCaseChanged(At(at), caseId, ticket, counter, staff, state, overdue));

    /// <summary>
    /// An absence as the counter monitor raises it when the staff member is back: <paramref name="from"/> and
    /// <paramref name="to"/> are HH:mm:ss on <see cref="Day"/>, hall-local.
    /// </summary>
    public AbsenceRecorded Absence(string counter, string? staff, string? name, string from, string to)
    {
        var end = new DateTimeOffset(Day.ToDateTime(TimeOnly.ParseExact(to, "HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)), China);
        var start = new DateTimeOffset(Day.ToDateTime(TimeOnly.ParseExact(from, "HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)), China);
        return new AbsenceRecorded(end, counter, staff, name, start, end);
    }

    /// <summary>One whole service: issued, called, finished.</summary>
    public async Task Serve(string ticket, string counter, string staff, string name, string issued, string called, string finished)
    {
        await Issue(ticket, issued);
        await Call(ticket, counter, staff, called);
        await Finish(ticket, counter, staff, name, called, finished);
    }

    public async Task Raise(HallEvent hallEvent) => await Service.HandleAsync(hallEvent, CancellationToken.None);

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
        await Writer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
