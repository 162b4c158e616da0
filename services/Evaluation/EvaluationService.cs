using System.Globalization;
using System.Text.Json;
using Hall.Contract.Downlink;
using Hall.Contract.Events;
using Hall.Evaluation.Domain;
using Hall.Evaluation.Persistence;
using Hall.Staff;
using Hall.Store.Writer;
using Hall.Store;
using Hall.Store.Config;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

/// <summary>
/// 好差评 on the box. A <see cref="TicketFinished"/> opens the service's rating window and lights the counter's
/// evaluator (<c>hall/{h}/counter/{c}/evaluate</c>); one rating is accepted per service, within the window, from that
/// counter's evaluator or tablet, the ticket's QR code or a staff entry on the person's behalf; a window that runs out
/// is recorded as "not rated". A level 1–2 rating opens a <see cref="BadReviewCase"/> with working-day deadlines.
/// Every change is an <see cref="EvaluationCommand"/> for the box's <see cref="CommandWriter"/>, with its request-log and
/// outbox rows; messages and the domain events (RatingAccepted, RatingTimedOut, BadReviewCaseChanged) follow after the
/// commit, in commit order, on the listeners' own lanes. It also answers the queue's "rate before next" from its tables.
/// </summary>
public sealed partial class EvaluationService : IHallEventHandler, IRatingGate, IRetainedStateSource
{
    private const string PersonWho = "person";

    private readonly HallDatabase _database;
    private readonly IHallPublisher _publisher;
    private readonly StaffDirectory _staff;
    private readonly EvaluationOptions _options;
    private readonly HallClock _clock;
    private readonly ILogger<EvaluationService> _logger;
    private readonly CommandWriter _writer;

    // The county's values of the deadline settings win over this box's own, where the county set them (the downlink).
    private readonly CountySettings? _county;

    // Events raised by the command the writer is applying; only the writer touches it.
    private readonly List<HallEvent> _raised = [];
    private readonly Lock _gate = new();
    private bool _started;
    private WorkingCalendar _calendar = WorkingCalendar.WeekendsOnly;
    private Dictionary<string, ServiceItem> _items = new(StringComparer.Ordinal);

    public EvaluationService(
        HallDatabase database,
        IHallPublisher publisher,
        CommandWriter writer,
        StaffDirectory staff,
        IOptions<EvaluationOptions> options,
        HallClock clock,
        ILogger<EvaluationService> logger,
        CountySettings? county = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _county = county;
        _database = database;
        _publisher = publisher;
        _staff = staff;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _writer = writer;
    }

    /// <summary>The holiday calendar deadlines are counted on (loaded at start).</summary>
    public WorkingCalendar Calendar
    {
        get
        {
            Start();
            return _calendar;
        }
    }

    private int CallbackWorkingDays => _county?.Int(CountySettingKeys.CallbackWorkingDays) ?? _options.CallbackWorkingDays;

    private int RectifyWorkingDays => _county?.Int(CountySettingKeys.RectifyWorkingDays) ?? _options.RectifyWorkingDays;

    private bool RequireRatingBeforeNext => _county?.Bool(CountySettingKeys.RequireRatingBeforeNext) ?? _options.RequireRatingBeforeNext;

    /// <summary>
    /// Inside the county configuration's apply: the holiday calendar and the service items become the county's, on disk
    /// and in memory together. Deadlines already set keep their dates; new ones are counted on the new calendar.
    /// </summary>
    internal void ApplyCatalogue(WriteContext context, ConfigBundle bundle)
    {
        Start();
        var source = string.Create(CultureInfo.InvariantCulture, $"county-v{bundle.Version}");
        EvaluationStore.ReplaceCalendar(context.Transaction, bundle.Calendar.Days.Select(d => (d.Date, d.Kind, d.Name)), source);
        var items = bundle.Catalogue.Items.Select(i => new ServiceItem(i.Code, i.Name, i.Department, i.Category)).ToList();
        EvaluationStore.ReplaceServiceItems(context.Transaction, items);
        var calendar = new WorkingCalendar(
            bundle.Calendar.Days.Where(d => d.Kind == ConfigCalendarDay.Holiday).Select(d => d.Date),
            bundle.Calendar.Days.Where(d => d.Kind == ConfigCalendarDay.Workday).Select(d => d.Date));
        lock (_gate)
        {
            _calendar = calendar;
            _items = items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        }
    }

    /// <summary>After a failed apply: memory back to what is on disk.</summary>
    internal void Reload()
    {
        using var connection = _database.Open();
        var calendar = EvaluationStore.LoadCalendar(connection);
        var items = EvaluationStore.LoadServiceItems(connection);
        lock (_gate)
        {
            _calendar = calendar;
            _items = items;
            _started = true;
        }
    }

    /// <summary>
    /// Loads the calendar and the service items. Call after the migrations have been applied;
    /// the first request does it too if nobody did.
    /// </summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            using (var connection = _database.Open())
            {
                _calendar = EvaluationStore.LoadCalendar(connection);
                _items = EvaluationStore.LoadServiceItems(connection);
            }

            Log.Loaded(_logger, _calendar.HolidayCount, _calendar.AdjustedWorkdayCount, _items.Count);
            _started = true;
        }
    }

    /// <summary>On <see cref="TicketFinished"/>: opens the service's rating window and asks the counter's evaluator for a rating.</summary>
    public async ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        if (hallEvent is not TicketFinished finished)
        {
            return;
        }

        Start();
        var staffName = finished.StaffName ?? (finished.StaffId is { } staffId ? _staff.Find(staffId)?.Name : null);
        var finishedAt = _clock.Local(finished.Ts);
        var window = new RatingWindow
        {
            ServiceId = ServiceIdOf(finishedAt, finished.TicketNo),
            TicketNo = finished.TicketNo,
            Counter = finished.Counter,
            StaffId = finished.StaffId,
            StaffName = staffName,
            ServiceItem = finished.ServiceItem,
            CaseNumber = finished.CaseNumber,
            Village = finished.Village,
            FinishedAt = finishedAt,
            Until = finishedAt + _options.RatingWindow,
        };

        try
        {
            await RunAsync(new EvaluationCommand(this, "finish", null, null, (tx, now) => OpenWindow(tx, window, now)), cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            Log.WindowFailed(_logger, finished.TicketNo, finished.Counter, ex);
        }
    }

    /// <summary>What the counter's tablet page shows: the latest service there still waiting for its rating, or null.</summary>
    public EvaluateMessage? GetPendingEvaluation(string counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        Start();
        var now = _clock.Now();
        using var connection = _database.Open();
        return EvaluationStore.LatestOpenWindow(connection, null, counter, now) is { } window ? EvaluateOf(window, now, active: true) : null;
    }

    /// <summary>True while a service finished at the counter still waits for its rating (not rated, not timed out).</summary>
    public bool IsAwaitingRating(string counter) => GetPendingEvaluation(counter) is not null;

    /// <summary>
    /// For the queue's optional rule (Evaluation:RequireRatingBeforeNext): true when the counter must not call the next
    /// ticket yet because the last service is neither rated nor timed out. Always false when the rule is off.
    /// </summary>
    public bool MustWaitForRating(string counter) => RequireRatingBeforeNext && IsAwaitingRating(counter);

    /// <summary>
    /// The queue's question before "next": does the service finished at <paramref name="finishedAt"/> still wait for its
    /// rating? Read from committed state: a window not opened yet (its TicketFinished still on the way here) waits too.
    /// </summary>
    public bool MustWaitForRating(string counter, string ticketNo, DateTimeOffset finishedAt)
    {
        if (!RequireRatingBeforeNext)
        {
            return false;
        }

        Start();
        var now = _clock.Now();
        if (_clock.Local(finishedAt) + _options.RatingWindow < now)
        {
            return false;
        }

        using var connection = _database.Open();
        return EvaluationStore.FindWindow(connection, null, ServiceIdOf(_clock.Local(finishedAt), ticketNo)) is not { } window
            || (window.State == RatingWindowState.Open && window.Until >= now);
    }

    /// <summary>
    /// Whether the service of today's ticket <paramref name="ticketNo"/> finished at <paramref name="finishedAt"/> takes
    /// a rating now: "open", "rated", "closed" (its time has passed), or null while its window is not opened yet.
    /// The ticket's phone page offers 评价 only when this says "open".
    /// </summary>
    public string? RatingStateOf(string ticketNo, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(ticketNo);
        Start();
        var now = _clock.Now();
        using var connection = _database.Open();
        if (EvaluationStore.FindWindow(connection, null, ServiceIdOf(_clock.Local(finishedAt), ticketNo)) is not { } window)
        {
            return _clock.Local(finishedAt) + _options.RatingWindow < now ? "closed" : null;
        }

        return window.State == RatingWindowState.Rated ? "rated" : window.AcceptsAt(now) ? "open" : "closed";
    }

    /// <summary>Sends the evaluate message again for each counter's open window: after a restart the evaluators are dark.</summary>
    public async Task RestoreRetainedAsync(CancellationToken cancellationToken = default)
    {
        Start();
        var now = _clock.Now();
        IReadOnlyList<RatingWindow> open;
        using (var connection = _database.Open())
        {
            open = EvaluationStore.OpenWindows(connection, now);
        }

        foreach (var window in open.GroupBy(w => w.Counter, StringComparer.Ordinal).Select(g => g.Last()))
        {
            await _publisher.PublishAsync(Topics.CounterEvaluate(_publisher.HallId, window.Counter), EvaluateOf(window, now, active: true), retain: false, cancellationToken);
        }
    }

    /// <summary>Closes every window past its time as "not rated" (never as a good rating). Returns how many.</summary>
    public async Task<int> CloseExpiredWindowsAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(new EvaluationCommand(this, "expire", null, null, CloseExpired), cancellationToken);
        return (int)reply!;
    }

    /// <summary>Raises one bad-review alert per overdue step (call-back, rectification) of each case. Returns the alerts raised now.</summary>
    public async Task<IReadOnlyList<AlertMessage>> CheckOverdueAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(new EvaluationCommand(this, "overdue", null, null, RaiseOverdue), cancellationToken);
        return (IReadOnlyList<AlertMessage>)reply!;
    }

    // ---- inside the write transaction ----

    private EvaluationOutcome OpenWindow(SqliteTransaction tx, RatingWindow window, DateTimeOffset now)
    {
        // A repeated finish of the same service keeps the first window.
        if (!EvaluationStore.InsertWindow(tx, window))
        {
            return EvaluationOutcome.Only(null);
        }

        return new EvaluationOutcome(null, [new Publication(Topics.CounterEvaluate(_publisher.HallId, window.Counter), EvaluateOf(window, now, active: true))]);
    }

    private EvaluationOutcome CloseExpired(SqliteTransaction tx, DateTimeOffset now)
    {
        var expired = EvaluationStore.ExpiredWindows(tx.Connection!, tx, now);
        var publications = new List<Publication>();
        foreach (var window in expired)
        {
            EvaluationStore.CloseWindow(tx, window.ServiceId, RatingWindowState.TimedOut, null, now);
            var record = new NotRatedRecord
            {
                Ts = now,
                ServiceId = window.ServiceId,
                TicketNo = window.TicketNo,
                Counter = window.Counter,
                StaffId = window.StaffId,
                StaffName = window.StaffName,
                ServiceItem = window.ServiceItem,
                CaseNumber = window.CaseNumber,
                FinishedAt = window.FinishedAt,
                Village = window.Village,
            };
            Outbox.Append(tx, nameof(RatingTimedOut), HallJson.SerializeToString(record), now);
            _raised.Add(new RatingTimedOut(now, window.TicketNo, window.Counter, window.StaffId));
            publications.Add(new Publication(Topics.CounterEvaluate(_publisher.HallId, window.Counter), EvaluateOf(window, now, active: false)));
            Log.NotRated(_logger, window.TicketNo, window.Counter);
        }

        return new EvaluationOutcome(expired.Count, publications);
    }

    private EvaluationOutcome RaiseOverdue(SqliteTransaction tx, DateTimeOffset now)
    {
        var alerts = new List<AlertMessage>();
        foreach (var found in EvaluationStore.CasesWithDeadlines(tx.Connection!, tx))
        {
            var @case = found;
            foreach (var action in found.OverdueAt(now))
            {
                @case = SaveCaseStep(tx, @case.MarkOverdue(action, now), now);
                var message = action == CaseActions.CallBackOverdue
                    ? $"差评案件 {@case.CaseId} ({@case.Counter}号窗口 {@case.TicketNo} 号) 回访已超期: 应于 {DueDay(@case.CallbackDue)} 前回访,请尽快回访并记录"
                    : $"差评案件 {@case.CaseId} ({@case.Counter}号窗口 {@case.TicketNo} 号) 整改已超期: 应于 {DueDay(@case.RectifyDue)} 前整改,请尽快整改并记录";
                alerts.Add(Alert(tx, @case, message, now));
            }
        }

        return EvaluationOutcome.Only(alerts);
    }

    /// <summary>
    /// Saves the case and reports its latest step to the county hub. The step's note is typed by staff and may name the
    /// person: their name and any phone or ID number in it are masked before it is kept or sent.
    /// </summary>
    private BadReviewCase SaveCaseStep(SqliteTransaction tx, BadReviewCase @case, DateTimeOffset now)
    {
        if (@case.Steps[^1] is { Note: { } note } last)
        {
            var (name, _) = EvaluationStore.Contact(tx.Connection!, tx, @case.RatingId);
            var masked = PersonalData.MaskDigitRuns(name is null ? note : note.Replace(name, PersonalData.MaskName(name), StringComparison.Ordinal))!;
            @case = @case with { Steps = [.. @case.Steps.Take(@case.Steps.Count - 1), last with { Note = masked }] };
        }

        EvaluationStore.SaveCase(tx, @case);
        var step = @case.Steps[^1];
        Outbox.Append(tx, nameof(BadReviewCase), HallJson.SerializeToString(new CaseStepRecord(now, step, @case)), now);
        var state = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(@case.State.ToString());
        _raised.Add(new BadReviewCaseChanged(now, @case.CaseId, @case.TicketNo, @case.Counter, @case.StaffId, state, @case.IsOverdueAt(now)));
        Log.CaseStep(_logger, @case.CaseId, step.Action, step.Who);
        return @case;
    }

    /// <summary>A bad-review alert for the duty manager: recorded in the outbox now, raised to the alert board after the commit.</summary>
    private AlertMessage Alert(SqliteTransaction tx, BadReviewCase @case, string message, DateTimeOffset now)
    {
        var alert = new AlertMessage { Ts = now, Type = AlertTypes.BadReview, Message = message, Counter = @case.Counter, TicketNo = @case.TicketNo };
        var raised = new AlertRaised(now, alert);
        Outbox.Append(tx, nameof(AlertRaised), HallJson.SerializeToString<object>(raised), now);
        _raised.Add(raised);
        return alert;
    }

    private EvaluateMessage EvaluateOf(RatingWindow window, DateTimeOffset now, bool active) => new()
    {
        Ts = now,
        TicketNo = window.TicketNo,
        Counter = window.Counter,
        StaffId = window.StaffId,
        StaffName = window.StaffName,
        ServiceItem = window.ServiceItem,
        ServiceItemName = Item(window.ServiceItem)?.Name,
        Until = window.Until,
        Active = active,
    };

    private ServiceItem? Item(string? code) => code is not null && _items.TryGetValue(code, out var item) ? item : null;

    private string ServiceIdOf(DateTimeOffset finishedAt, string ticketNo) => $"{_clock.Day(finishedAt):yyyyMMdd}-{ticketNo}";

    private static string DueDay(DateTimeOffset deadline) => deadline.AddTicks(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // ---- the writer ----

    internal object? Apply(WriteContext context, EvaluationCommand command)
    {
        // Only the writer runs here, one command at a time: _raised belongs to the command being applied.
        _raised.Clear();
        var outcome = command.Run(context.Transaction, _clock.Local(context.Now));
        foreach (var publication in outcome.Publications)
        {
            context.Publish(publication.Topic, publication.Payload);
        }

        foreach (var hallEvent in _raised)
        {
            // Their outbox rows were written by the step itself, in the shape the county reads.
            context.Raise(hallEvent, record: false);
        }

        return outcome.Reply;
    }

    private async Task<object?> RunAsync(EvaluationCommand command, CancellationToken ct)
    {
        Start();
        return await _writer.SubmitAsync(command, ct);
    }

    internal static object ParseReply(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("error", out _)
            ? JsonSerializer.Deserialize<ErrorReply>(json, HallJson.Options)!
            : JsonSerializer.Deserialize<RatingReply>(json, HallJson.Options)!;
    }
}
