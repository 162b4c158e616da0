using Hall.Contract.Events;
using Hall.Store;
using Hall.Store.Writer;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Assessment;

/// <summary>
/// 窗口考核. Records the facts of each service (issued, called, finished or no-show, transferred; rated, not rated; the
/// bad-review case) from the queue's and the evaluation's events, and the absences (离岗) from the counter monitor's,
/// into its own tables, never reading theirs, and computes the KPIs per counter and per staff member, by day and by month (<see cref="KpiCalculator"/>). Each closed
/// day goes to the outbox as one <see cref="DailySummary"/> per counter and per staff member. Writes go to the box's
/// <see cref="CommandWriter"/>, handed over without waiting; events arrive on this listener's own lane in commit order.
/// </summary>
public sealed class AssessmentService : IHallEventHandler
{
    public const string DailyOutboxType = "AssessmentDaily";

    private readonly HallDatabase _database;
    private readonly HallClock _clock;
    private readonly AssessmentOptions _options;
    private readonly ILogger<AssessmentService> _logger;
    private readonly CommandWriter _writer;
    private readonly EventDispatcher _dispatcher;
    private Task _lastWrite = Task.CompletedTask;

    public AssessmentService(HallDatabase database, CommandWriter writer, EventDispatcher dispatcher, HallClock clock, IOptions<AssessmentOptions> options, ILogger<AssessmentService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _writer = writer;
        _dispatcher = dispatcher;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    public string HallName => _options.HallName;

    /// <summary>The hall-local day now.</summary>
    public DateOnly Today => _clock.Day(_clock.Now());

    public async ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hallEvent);
        Func<SqliteTransaction, object?>? record = hallEvent switch
        {
            TicketIssued e => tx => Issued(tx, e),
            TicketCalled { Recall: false } e => tx => Called(tx, e),
            TicketFinished e => tx => Finished(tx, e),
            TicketSkipped e => tx => Skipped(tx, e),
            TicketTransferred e => tx => Transferred(tx, e),
            RatingAccepted e => tx => Rated(tx, e),
            RatingTimedOut e => tx => TimedOut(tx, e),
            BadReviewCaseChanged e => tx => CaseChanged(tx, e),
            AbsenceRecorded e => tx => Absent(tx, e),
            _ => null,
        };
        if (record is null)
        {
            return;
        }

        // Handed over, not waited for: a fact needs no disk sync of its own, and this lane keeps up with a busy
        // morning when its writes share the writer's groups. Reads wait for what was handed over.
        // Only this listener's lane calls here, one event at a time, so _lastWrite is its own.
        var written = await _writer.EnqueueAsync(new DelegateCommand("assessment", context => record(context.Transaction)), cancellationToken);
        _lastWrite = Observe(written, hallEvent);
    }

    private Task Observe(Task<object?> written, HallEvent hallEvent) =>
        written.ContinueWith(
            t =>
            {
                if (t.Exception?.InnerException is StoreUnavailableException ex)
                {
                    Log.RecordFailed(_logger, hallEvent.GetType().Name, TicketOf(hallEvent), ex);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>The assessment of a day or a month, from the facts recorded so far.</summary>
    public AssessmentReport GetReport(AssessmentPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        WaitForHandedOver();
        using var connection = _database.Open();
        var facts = AssessmentStore.Facts(connection, null, period.From, period.To);
        var absences = AssessmentStore.Absences(connection, null, period.From, period.To);
        return AssessmentReport.Build(_options.HallName, period, _clock.Now(), facts, absences);
    }

    /// <summary>The facts of a period, for checks and exports.</summary>
    public IReadOnlyList<ServiceFact> GetFacts(AssessmentPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        WaitForHandedOver();
        using var connection = _database.Open();
        return AssessmentStore.Facts(connection, null, period.From, period.To);
    }

    /// <summary>The absences (离岗) of a period, for checks and exports.</summary>
    public IReadOnlyList<AbsenceFact> GetAbsences(AssessmentPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        WaitForHandedOver();
        using var connection = _database.Open();
        return AssessmentStore.Absences(connection, null, period.From, period.To);
    }

    /// <summary>
    /// Sends each day that has ended (Assessment:DayCloseDelay after its midnight) to the outbox: one row per counter and
    /// per staff member. A day whose facts changed after it was sent goes again with the next revision. Returns the days sent.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> CloseDaysAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(CloseDays, cancellationToken);
        return (IReadOnlyList<DateOnly>)reply!;
    }

    /// <summary>
    /// A report holds every change committed before it was asked: first this listener's lane catches up, then the facts
    /// it handed over are written (in order: waiting for the last one waits for all).
    /// </summary>
    private void WaitForHandedOver()
    {
        _dispatcher.WhenDeliveredAsync(this).Wait(TimeSpan.FromSeconds(30));
        _lastWrite.Wait(TimeSpan.FromSeconds(30));
    }

    private Task<object?> RunAsync(Func<SqliteTransaction, object?> run, CancellationToken ct) =>
        _writer.SubmitAsync(new DelegateCommand("assessment", context => run(context.Transaction)), ct);

    // ---- inside the write transaction ----

    private object? Issued(SqliteTransaction tx, TicketIssued e)
    {
        var issuedAt = _clock.Local(e.IssuedAt);
        AssessmentStore.InsertLeg(tx, _clock.Day(issuedAt), e.TicketNo, e.Category, issuedAt, issuedAt, "waiting");
        return null;
    }

    private object? Called(SqliteTransaction tx, TicketCalled e)
    {
        var calledAt = _clock.Local(e.Ts);
        if (AssessmentStore.Latest(tx, e.TicketNo, null, "waiting") is not { } id)
        {
            // Issued before the assessment was installed (or its event was lost): the wait is unknown.
            AssessmentStore.InsertLeg(tx, _clock.Day(calledAt), e.TicketNo, e.Category, null, null, "waiting");
            id = AssessmentStore.Latest(tx, e.TicketNo, null, "waiting")!.Value;
        }

        AssessmentStore.Call(tx, id, e.Counter, e.CounterName, e.StaffId, AssessmentStore.Time(calledAt));
        return null;
    }

    private object? Finished(SqliteTransaction tx, TicketFinished e)
    {
        var calledAt = _clock.Local(e.CalledAt);
        if (AssessmentStore.Latest(tx, e.TicketNo, e.Counter, "called") is not { } id)
        {
            AssessmentStore.InsertLeg(tx, _clock.Day(calledAt), e.TicketNo, e.Category, null, null, "waiting");
            id = AssessmentStore.Latest(tx, e.TicketNo, null, "waiting")!.Value;
            AssessmentStore.SetCounter(tx, id, e.Counter);
        }

        AssessmentStore.Serve(tx, id, e.StaffId, e.StaffName, AssessmentStore.Time(calledAt), AssessmentStore.Time(_clock.Local(e.Ts)));
        return null;
    }

    private object? Skipped(SqliteTransaction tx, TicketSkipped e)
    {
        if (AssessmentStore.Latest(tx, e.TicketNo, e.Counter, "called") is { } id)
        {
            AssessmentStore.NoShow(tx, id, AssessmentStore.Time(_clock.Local(e.Ts)));
        }
        else
        {
            Log.Unmatched(_logger, nameof(TicketSkipped), e.TicketNo, e.Counter);
        }

        return null;
    }

    private object? Transferred(SqliteTransaction tx, TicketTransferred e)
    {
        var at = _clock.Local(e.Ts);
        if (AssessmentStore.Latest(tx, e.TicketNo, e.FromCounter, "called") is not { } id)
        {
            Log.Unmatched(_logger, nameof(TicketTransferred), e.TicketNo, e.FromCounter);
            return null;
        }

        AssessmentStore.Transfer(tx, id, AssessmentStore.Time(at));
        var (day, category, issuedAt) = AssessmentStore.Leg(tx, id);

        // The next leg waits from the transfer: the receiving counter answers for that wait, not the whole one.
        AssessmentStore.InsertLeg(
            tx,
            DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            e.TicketNo,
            e.ToCategory ?? category,
            issuedAt is null ? null : DateTimeOffset.Parse(issuedAt, System.Globalization.CultureInfo.InvariantCulture),
            at,
            "waiting");
        return null;
    }

    private object? Rated(SqliteTransaction tx, RatingAccepted e)
    {
        if (e.ReRatingOf is not null)
        {
            if (e.CaseId is not null)
            {
                AssessmentStore.ReRate(tx, e.CaseId, e.Level);
            }

            return null;
        }

        // A quick rating may come before the finish reaches us: it then waits on the called leg.
        var id = AssessmentStore.Latest(tx, e.TicketNo, e.Counter, "served", "called");
        if (id is null)
        {
            Log.Unmatched(_logger, nameof(RatingAccepted), e.TicketNo, e.Counter);
            return null;
        }

        AssessmentStore.Rate(tx, id.Value, e.Level, e.RatingId, e.CaseId);
        return null;
    }

    private object? TimedOut(SqliteTransaction tx, RatingTimedOut e)
    {
        if (AssessmentStore.Latest(tx, e.TicketNo, e.Counter, "served") is { } id)
        {
            AssessmentStore.NotRated(tx, id);
        }

        return null;
    }

    private object? CaseChanged(SqliteTransaction tx, BadReviewCaseChanged e)
    {
        AssessmentStore.SetCase(tx, e.CaseId, e.State, e.Overdue);
        return null;
    }

    private object? Absent(SqliteTransaction tx, AbsenceRecorded e)
    {
        if (e.End < e.Start || string.IsNullOrWhiteSpace(e.Counter))
        {
            Log.BadAbsence(_logger, e.Counter, e.Start, e.End);
            return null;
        }

        var start = _clock.Local(e.Start);
        AssessmentStore.InsertAbsence(tx, new AbsenceFact
        {
            Day = _clock.Day(start),
            Counter = e.Counter,
            StaffId = string.IsNullOrWhiteSpace(e.StaffId) ? null : e.StaffId,
            StaffName = e.StaffName,
            Start = start,
            End = _clock.Local(e.End),
        });
        return null;
    }

    private object? CloseDays(SqliteTransaction tx)
    {
        var now = _clock.Now();
        var firstOpenDay = _clock.Day(now - _options.DayCloseDelay);
        var sent = new List<DateOnly>();
        foreach (var (day, revision) in AssessmentStore.DaysToSend(tx, firstOpenDay))
        {
            var facts = AssessmentStore.Facts(tx.Connection!, tx, day, day);
            var absences = AssessmentStore.Absences(tx.Connection!, tx, day, day);
            var next = revision + 1;
            var rows = KpiCalculator.ByCounter(facts, absences).Select(k => new DailySummary(day, next, "counter", k))
                .Concat(KpiCalculator.ByStaff(facts, absences).Select(k => new DailySummary(day, next, "staff", k)))
                .ToList();
            foreach (var row in rows)
            {
                Outbox.Append(tx, DailyOutboxType, HallJson.SerializeToString(row), now);
            }

            AssessmentStore.MarkSent(tx, day, next, now);
            Log.DayClosed(_logger, AssessmentStore.Day(day), next, rows.Count);
            sent.Add(day);
        }

        return sent;
    }

    private static string TicketOf(HallEvent hallEvent) => hallEvent switch
    {
        TicketIssued e => e.TicketNo,
        TicketCalled e => e.TicketNo,
        TicketFinished e => e.TicketNo,
        TicketSkipped e => e.TicketNo,
        TicketTransferred e => e.TicketNo,
        RatingAccepted e => e.TicketNo,
        RatingTimedOut e => e.TicketNo,
        BadReviewCaseChanged e => e.TicketNo,
        AbsenceRecorded e => "counter " + e.Counter,
        _ => "",
    };
}
