using Hall.Contract.Events;
using Hall.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Assessment;

/// <summary>
/// 窗口考核. Records the facts of each service (issued, called, finished or no-show, transferred; rated, not rated; the
/// bad-review case) from the queue's and the evaluation's events, and the absences (离岗) from the counter monitor's,
/// into its own tables, never reading theirs, and computes the KPIs per counter and per staff member, by day and by month (<see cref="KpiCalculator"/>). Each closed
/// day goes to the outbox as one <see cref="DailySummary"/> per counter and per staff member. Writes go through one
/// <see cref="GroupCommitter{TCommand,TResult}"/>; events are applied in the order they arrive, which is commit order
/// per source.
/// </summary>
public sealed class AssessmentService : IHallEventHandler, IAsyncDisposable
{
    public const string DailyOutboxType = "AssessmentDaily";

    private readonly HallDatabase _database;
    private readonly HallClock _clock;
    private readonly AssessmentOptions _options;
    private readonly ILogger<AssessmentService> _logger;
    private readonly Lock _gate = new();
    private GroupCommitter<Func<SqliteTransaction, object?>, object?>? _committer;
    private readonly SemaphoreSlim _handOver = new(1, 1);
    private Task _lastWrite = Task.CompletedTask;

    public AssessmentService(HallDatabase database, HallClock clock, IOptions<AssessmentOptions> options, ILogger<AssessmentService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    public string HallName => _options.HallName;

    /// <summary>The hall-local day now.</summary>
    public DateOnly Today => _clock.Day(_clock.Now());

    /// <summary>Starts the writer. Call after the migrations; the first event does it too.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_committer is not null)
            {
                return;
            }

            _committer = new GroupCommitter<Func<SqliteTransaction, object?>, object?>(_database, (tx, run) => run(tx), ex => Log.WriteFailed(_logger, ex));
            _committer.Start();
        }
    }

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

        // Handed over, not waited for: the queue calls its handlers in its reply path, and a report
        // needs no disk sync of its own before a ticket is answered. Reads wait for what was handed over.
        Start();
        await _handOver.WaitAsync(cancellationToken);
        try
        {
            var written = await _committer!.EnqueueAsync(record, cancellationToken);
            _lastWrite = Observe(written, hallEvent);
        }
        finally
        {
            _handOver.Release();
        }
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

    public async ValueTask DisposeAsync()
    {
        if (_committer is not null)
        {
            await _committer.DisposeAsync();
        }
    }

    /// <summary>Facts are written in the order they were handed over: waiting for the last one waits for all.</summary>
    private void WaitForHandedOver() => _lastWrite.Wait(TimeSpan.FromSeconds(30));

    private async Task<object?> RunAsync(Func<SqliteTransaction, object?> run, CancellationToken ct)
    {
        Start();
        return await _committer!.SubmitAsync(run, ct);
    }

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
