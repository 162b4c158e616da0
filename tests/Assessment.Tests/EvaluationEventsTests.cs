using Hall.Contract.Events;
using Hall.Evaluation.Persistence;
using Hall.Evaluation;
using Hall.Staff;
using Hall.Store.Writer;
using Hall.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Assessment.Tests;

/// <summary>
/// The real evaluation service, wired to the assessment through an event bus as the box wires them: ratings, "not
/// rated" and case steps reach the assessment's figures without it reading the evaluation's tables.
/// </summary>
public sealed class EvaluationEventsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hall-assessment-eval-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Start);
    private readonly HallClock _clock;
    private readonly AssessmentService _assessment;
    private readonly EvaluationService _evaluation;
    private readonly RunningWriter _writer;

    public EvaluationEventsTests()
    {
        var database = new HallDatabase(Path.Combine(_folder, "hall.db"));
        _clock = new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), _time);
        Migrator.Apply(
            database,
            new StoreMigrations().Migrations.Concat(new StaffMigrations().Migrations).Concat(new EvaluationMigrations().Migrations).Concat(new AssessmentMigrations().Migrations),
            _time.GetUtcNow());
        var staff = new StaffDirectory(database, Options.Create(new StaffOptions()), _time, NullLogger<StaffDirectory>.Instance);
        staff.Add(new NewStaff { StaffId = "s1", Name = "王芳", Role = "staff", Pin = "4071" }, StaffActor.Technician);
        AssessmentService? assessment = null;
        _writer = RunningWriter.StartAsync(database, _time, () => [assessment!], new NullPublisher()).GetAwaiter().GetResult();
        _assessment = assessment = new AssessmentService(database, _writer.Writer, _writer.Dispatcher, _clock, Options.Create(new AssessmentOptions()), NullLogger<AssessmentService>.Instance);
        _evaluation = new EvaluationService(database, new NullPublisher(), _writer.Writer, staff, Options.Create(new EvaluationOptions()), _clock, NullLogger<EvaluationService>.Instance);
        _evaluation.Start();
    }

    [Fact]
    public async Task Ratings_timeouts_and_case_steps_reach_the_assessment()
    {
        await ServeAsync("A001", minutes: 0);
        var bad = await _evaluation.HandleRatingAsync(new DeviceIdentity("eval-1", DeviceRole.Evaluator, "1"), new RatingRequest { RequestId = "r1", Level = 2, Reasons = ["slow"] }, default);
        var caseId = Assert.IsType<RatingReply>(bad).CaseId!;
        Assert.True((await _evaluation.CallBackAsync(caseId, "dm", "已电话回访")).Case is not null);

        await ServeAsync("A002", minutes: 10);
        await _evaluation.HandleRatingAsync(new DeviceIdentity("eval-1", DeviceRole.Evaluator, "1"), new RatingRequest { RequestId = "r2", Level = 5 }, default);

        // A003's window runs out: not rated.
        await ServeAsync("A003", minutes: 20);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await _evaluation.CloseExpiredWindowsAsync());

        var row = Assert.Single(_assessment.GetReport(AssessmentPeriod.ForDay(new DateOnly(2026, 11, 23))).Counters);
        Assert.Equal((3, 1, 1, 1), (row.Served, row.Level5, row.Level2, row.NotRated));
        Assert.Equal(0.5, row.SatisfactionRate);
        Assert.Equal((1, 1), (row.BadReviews, row.OpenBadReviews));
        var line = Assert.Single(_assessment.GetReport(AssessmentPeriod.ForDay(new DateOnly(2026, 11, 23))).BadReviews);
        Assert.Equal((caseId, "called-back"), (line.CaseId, line.State));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit v2 calls IAsyncLifetime, not IAsyncDisposable, on a test class.
    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
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

    /// <summary>The queue's side: issued, called and finished at counter 1 by s1, the finish also to the evaluation.</summary>
    private async Task ServeAsync(string ticket, int minutes)
    {
        _time.SetUtcNow(Start.AddMinutes(minutes));
        var issued = _clock.Now();
        await _assessment.HandleAsync(new TicketIssued(issued, ticket, "A", null, issued), default);
        await _assessment.HandleAsync(new TicketCalled(issued.AddMinutes(1), ticket, "A", "1", "1号窗口", false, "s1"), default);
        _time.Advance(TimeSpan.FromMinutes(5));
        var finished = new TicketFinished(_clock.Now(), ticket, "A", "1", "s1", issued.AddMinutes(1)) { StaffName = "王芳" };
        await _assessment.HandleAsync(finished, default);
        await _evaluation.HandleAsync(finished, default);
    }

    private sealed class NullPublisher : IHallPublisher
    {
        public string HallId => "test";

        public Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
