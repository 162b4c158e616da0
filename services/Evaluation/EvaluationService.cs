using System.Text.Json;
using System.Threading.Channels;
using Hall.Contract.Events;
using Hall.Staff;
using Hall.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

/// <summary>
/// 好差评 on the box. A <see cref="TicketFinished"/> opens the service's rating window and lights the counter's
/// evaluator (<c>hall/{h}/counter/{c}/evaluate</c>); one rating is accepted per service, within the window, from that
/// counter's evaluator or tablet, the ticket's QR code or a staff entry on the person's behalf; a window that runs out
/// is recorded as "not rated". A level 1–2 rating opens a <see cref="BadReviewCase"/> with working-day deadlines.
/// Every change goes through one <see cref="GroupCommitter{TCommand,TResult}"/> with its request-log and outbox rows;
/// messages are published after the commit, in commit order, and so are the domain events (RatingAccepted, RatingTimedOut,
/// BadReviewCaseChanged) handed to the <see cref="IHallEventBus"/>: a handler of them must not wait on this service.
/// </summary>
public sealed partial class EvaluationService : IHallEventHandler, IAsyncDisposable
{
    private const string PersonWho = "person";

    private readonly HallDatabase _database;
    private readonly IHallPublisher _publisher;
    private readonly StaffDirectory _staff;
    private readonly EvaluationOptions _options;
    private readonly HallClock _clock;
    private readonly ILogger<EvaluationService> _logger;
    private readonly IHallEventBus? _events;

    // Events raised by the command the writer is applying; only the writer touches it.
    private readonly List<HallEvent> _raised = [];
    private readonly Lock _gate = new();
    private readonly Channel<PostCommit> _postCommit = Channel.CreateUnbounded<PostCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private WorkingCalendar _calendar = WorkingCalendar.WeekendsOnly;
    private Dictionary<string, ServiceItem> _items = new(StringComparer.Ordinal);
    private GroupCommitter<EvaluationCommand, object?>? _committer;
    private Task? _publishLoop;

    public EvaluationService(
        HallDatabase database,
        IHallPublisher publisher,
        StaffDirectory staff,
        IOptions<EvaluationOptions> options,
        HallClock clock,
        ILogger<EvaluationService> logger,
        IHallEventBus? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _publisher = publisher;
        _staff = staff;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _events = events;
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

    /// <summary>
    /// Loads the calendar and the service items and starts the writer. Call after the migrations have been applied;
    /// the first request does it too if nobody did.
    /// </summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_committer is not null)
            {
                return;
            }

            using (var connection = _database.Open())
            {
                _calendar = EvaluationStore.LoadCalendar(connection);
                _items = EvaluationStore.LoadServiceItems(connection);
            }

            Log.Loaded(_logger, _calendar.HolidayCount, _calendar.AdjustedWorkdayCount, _items.Count);
            _committer = new GroupCommitter<EvaluationCommand, object?>(_database, Apply, ex => Log.WriteFailed(_logger, ex));
            _committer.Start();
            _publishLoop = Task.Run(() => PublishLoopAsync(_stop.Token));
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
            FinishedAt = finishedAt,
            Until = finishedAt + _options.RatingWindow,
        };

        try
        {
            await RunAsync(new EvaluationCommand("finish", null, null, (tx, now) => OpenWindow(tx, window, now)), cancellationToken);
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
    public bool MustWaitForRating(string counter) => _options.RequireRatingBeforeNext && IsAwaitingRating(counter);

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
            await SendAsync(new Publication(Topics.CounterEvaluate(_publisher.HallId, window.Counter), EvaluateOf(window, now, active: true)), cancellationToken);
        }
    }

    /// <summary>Closes every window past its time as "not rated" (never as a good rating). Returns how many.</summary>
    public async Task<int> CloseExpiredWindowsAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(new EvaluationCommand("expire", null, null, CloseExpired), cancellationToken);
        return (int)reply!;
    }

    /// <summary>Raises one bad-review alert per overdue step (call-back, rectification) of each case. Returns the alerts raised now.</summary>
    public async Task<IReadOnlyList<AlertMessage>> CheckOverdueAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(new EvaluationCommand("overdue", null, null, RaiseOverdue), cancellationToken);
        return (IReadOnlyList<AlertMessage>)reply!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_committer is not null)
        {
            await _committer.DisposeAsync();
        }

        _postCommit.Writer.TryComplete();
        if (_publishLoop is not null)
        {
            try
            {
                await _publishLoop.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                await _stop.CancelAsync();
            }
        }

        _stop.Dispose();
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

        return new EvaluationOutcome(alerts, alerts.Select(a => new Publication(Topics.Alert(_publisher.HallId), a)).ToList());
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

    /// <summary>A bad-review alert for the duty manager: recorded in the outbox now, published after the commit.</summary>
    private static AlertMessage Alert(SqliteTransaction tx, BadReviewCase @case, string message, DateTimeOffset now)
    {
        var alert = new AlertMessage { Ts = now, Type = "bad-review", Message = message, Counter = @case.Counter, TicketNo = @case.TicketNo };
        Outbox.Append(tx, nameof(AlertRaised), HallJson.SerializeToString<object>(new AlertRaised(now, alert)), now);
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

    private object? Apply(SqliteTransaction tx, EvaluationCommand command)
    {
        var now = _clock.Now();
        if (command.RequestId is { } requestId && command.DeviceId is { } deviceId)
        {
            var first = RequestLog.Find(tx, deviceId, requestId);
            if (first is not null)
            {
                return ParseReply(first);
            }
        }

        _raised.Clear();
        var outcome = command.Run(tx, now);
        if (outcome.Reply is not null && command.RequestId is not null && command.DeviceId is not null)
        {
            RequestLog.Record(tx, command.DeviceId, command.RequestId, command.Name, HallJson.SerializeToString(outcome.Reply), now);
        }

        if (outcome.Publications.Count > 0 || (_events is not null && _raised.Count > 0))
        {
            command.PostCommit.Publications = outcome.Publications;
            command.PostCommit.Events = _events is null ? [] : [.. _raised];
            command.PostCommit.Enqueued = true;
            _postCommit.Writer.TryWrite(command.PostCommit);
        }

        return outcome.Reply;
    }

    private async Task<object?> RunAsync(EvaluationCommand command, CancellationToken ct)
    {
        Start();
        object? reply;
        try
        {
            // Not cancellable once queued: the publisher waits for every queued command to report its commit.
            reply = await _committer!.SubmitAsync(command, CancellationToken.None);
        }
        catch
        {
            command.PostCommit.Committed.TrySetResult(false);
            throw;
        }

        command.PostCommit.Committed.TrySetResult(true);
        if (command.PostCommit.Enqueued)
        {
            await command.PostCommit.Published.Task.WaitAsync(ct);
        }

        return reply;
    }

    private static object ParseReply(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("error", out _)
            ? JsonSerializer.Deserialize<ErrorReply>(json, HallJson.Options)!
            : JsonSerializer.Deserialize<RatingReply>(json, HallJson.Options)!;
    }

    // ---- after the commit, in commit order ----

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _postCommit.Reader.ReadAllAsync(stoppingToken))
            {
                if (await item.Committed.Task.WaitAsync(stoppingToken))
                {
                    foreach (var publication in item.Publications)
                    {
                        await SendAsync(publication, stoppingToken);
                    }

                    foreach (var hallEvent in item.Events)
                    {
                        await RaiseAsync(hallEvent, stoppingToken);
                    }
                }

                item.Published.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RaiseAsync(HallEvent hallEvent, CancellationToken ct)
    {
        try
        {
            await _events!.PublishAsync(hallEvent, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.RaiseFailed(_logger, hallEvent.GetType().Name, ex);
        }
    }

    private async Task SendAsync(Publication publication, CancellationToken ct)
    {
        try
        {
            await _publisher.PublishAsync(publication.Topic, publication.Payload, retain: false, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.PublishFailed(_logger, publication.Topic, ex);
        }
    }
}
