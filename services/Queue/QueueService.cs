using System.Text.Json;
using Hall.Contract.Events;
using Hall.Contract;
using Hall.Queue.Domain;
using Hall.Queue.Persistence;
using Hall.Queue.Supervision;
using Hall.Store.Writer;
using Hall.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Queue;

/// <summary>
/// The queue's face to the router (MQTT requests), the kiosk and admin pages and the supervisor.
/// Every change is a <see cref="QueueCommand"/> for the box's <see cref="CommandWriter"/>: the domain command runs inside
/// the write transaction together with its request-log row and outbox rows, and the reply goes out once it committed.
/// Changed counter states (retained) and the domain events follow after the commit, on the listeners' own lanes.
/// </summary>
public sealed class QueueService : IWriteParticipant, IRetainedStateSource
{
    private readonly HallDatabase _database;
    private readonly IHallPublisher _publisher;
    private readonly CommandWriter _writer;
    private readonly IStaffDirectory _staff;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueService> _logger;
    private readonly HallClock _clock;
    private readonly IRatingGate? _ratingGate;
    private readonly Lock _gate = new();
    private QueueEngine? _engine;
    private string _salt = "";

    public QueueService(
        HallDatabase database,
        IHallPublisher publisher,
        CommandWriter writer,
        IStaffDirectory staff,
        IOptions<QueueOptions> options,
        HallClock clock,
        TimeProvider time,
        ILogger<QueueService> logger,
        IRatingGate? ratingGate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _publisher = publisher;
        _writer = writer;
        _staff = staff;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _clock = clock;
        _ratingGate = ratingGate;
    }

    public HallClock Clock => _clock;

    /// <summary>
    /// Loads the queue from the database (seeding the catalogue on a fresh box).
    /// Call after the migrations have been applied; the first request does it too if nobody did.
    /// </summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_engine is not null)
            {
                return;
            }

            using (var connection = _database.Open())
            {
                QueueStore.SeedIfEmpty(connection, _options, _clock.Local(_time.GetUtcNow()));
                _salt = QueueStore.LoadSalt(connection);
            }

            _engine = LoadEngine();
        }
    }

    // ---- device requests ----

    /// <summary>req/ticket: a kiosk (or the kiosk page) asks for a number. Returns a <see cref="TicketReply"/> or an <see cref="ErrorReply"/>.</summary>
    public async Task<object> HandleTicketAsync(DeviceIdentity who, TicketRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(request);
        if (Precheck(who, DeviceRole.Kiosk, request.RequestId, "取号") is { } refused)
        {
            return refused;
        }

        var requestId = request.RequestId!;
        var command = new QueueCommand(this, Topics.Requests.Ticket, who.DeviceId, requestId, (engine, now) =>
        {
            string? hash = null;
            if (!string.IsNullOrWhiteSpace(request.IdCard))
            {
                if (!IdCards.TryNormalize(request.IdCard, out var normalized))
                {
                    return engine.Refuse(now, ErrorCodes.InvalidField, "身份证号格式不对,请重新刷卡或输入 18 位号码 (idCard)");
                }

                hash = IdCards.Hash(_salt, normalized);
            }

            return engine.Issue(now, request.Category, request.Priority, request.AppointmentCode, hash, who.Village);
        },
        (outcome, now) => TicketReplyOf(requestId, outcome, now, reprint: false));
        return await RunRequestAsync(command, requestId, ct);
    }

    /// <summary>req/reprint: a kiosk prints a waiting ticket again. Returns a <see cref="TicketReply"/> or an <see cref="ErrorReply"/>.</summary>
    public async Task<object> HandleReprintAsync(DeviceIdentity who, ReprintRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(request);
        if (Precheck(who, DeviceRole.Kiosk, request.RequestId, "补打号票") is { } refused)
        {
            return refused;
        }

        var requestId = request.RequestId!;
        var command = new QueueCommand(
            this,
            Topics.Requests.Reprint,
            who.DeviceId,
            requestId,
            (engine, now) => engine.Reprint(now, request.TicketNo),
            (outcome, now) => TicketReplyOf(requestId, outcome, now, reprint: true));
        return await RunRequestAsync(command, requestId, ct);
    }

    /// <summary>
    /// req/counter: a caller's command. The counter is the caller's own (<see cref="DeviceIdentity.Counter"/>), never
    /// one named in the payload. Returns the counter's <see cref="CounterStateMessage"/> (with requestId) or an <see cref="ErrorReply"/>.
    /// </summary>
    public async Task<object> HandleCounterAsync(DeviceIdentity who, CounterRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(request);
        if (Precheck(who, DeviceRole.Caller, request.RequestId, "叫号操作") is { } refused)
        {
            return refused;
        }

        var requestId = request.RequestId!;
        var counter = who.Counter;
        if (counter is not null && GetCounterState(counter) is not null && !string.Equals(VillageOf(counter), who.Village, StringComparison.Ordinal))
        {
            // A caller of one village (or of the hall) never commands another's counter, whatever its enrollment says.
            var where = VillageOf(counter) is { } v ? $"代办点 {v}" : "本中心";
            return Error(requestId, ErrorCodes.NotThisVillage, $"{counter}号窗口属于{where},此叫号器 ({who.DeviceId}) 不是在那里登记的,请技术人员重新登记 (not this village)");
        }

        Func<QueueEngine, DateTimeOffset, QueueOutcome> run;
        var cmd = request.Cmd?.Trim().ToLowerInvariant();
        switch (cmd)
        {
            case "next" when MustWaitForRating(counter):
                return Error(requestId, ErrorCodes.RatingPending, $"{counter}号窗口上一位办事人还在评价,请稍候或请其在评价器上评价 (rating pending)");
            case "next":
                run = (e, now) => e.Next(now, counter);
                break;
            case "call":
                run = (e, now) => e.Call(now, counter, request.TicketNo);
                break;
            case "recall":
                run = (e, now) => e.Recall(now, counter);
                break;
            case "skip":
                run = (e, now) => e.Skip(now, counter);
                break;
            case "transfer":
                run = (e, now) => e.Transfer(now, counter, request.ToCategory, request.ToCounter);
                break;
            case "pause":
                run = (e, now) => e.Pause(now, counter, request.Reason);
                break;
            case "resume":
                run = (e, now) => e.Resume(now, counter);
                break;
            case "finish":
                run = (e, now) => e.Finish(now, counter, request.ServiceItem, request.CaseNumber);
                break;
            case "signout":
                run = (e, now) => e.SignOut(now, counter);
                break;
            case "signin":
                run = await SignInAsync(who, counter, request, ct);
                break;
            case null or "":
                run = (e, now) => e.RefuseAtCounter(now, counter, ErrorCodes.MissingField, "缺少 cmd (next, call, recall, skip, transfer, pause, resume, finish, signin, signout)");
                break;
            default:
                run = (e, now) => e.RefuseAtCounter(now, counter, ErrorCodes.UnknownCommand, $"不认识的命令: {request.Cmd} (可用: next, call, recall, skip, transfer, pause, resume, finish, signin, signout)");
                break;
        }

        var command = new QueueCommand(this, Topics.Requests.Counter, who.DeviceId, requestId, run, (outcome, now) => CounterReplyOf(requestId, outcome, now));
        return await RunRequestAsync(command, requestId, ct);
    }

    // ---- pages and admin ----

    /// <summary>The queue now: categories, counters with state, waiting tickets per category, recent calls, today's counts.</summary>
    public QueueSnapshot GetSnapshot()
    {
        Start();
        lock (_gate)
        {
            return _engine!.Snapshot(_time.GetUtcNow());
        }
    }

    /// <summary>Today's ticket <paramref name="ticketNo"/>, or null when today has none by that number.</summary>
    public TicketLookup? FindTicket(string ticketNo)
    {
        ArgumentNullException.ThrowIfNull(ticketNo);
        Start();
        lock (_gate)
        {
            return _engine!.FindTicket(ticketNo) is { } t ? new TicketLookup(t.TicketNo, t.Category, t.Status, t.Counter, t.IssuedAt, t.CalledAt, t.EndedAt, TicketKinds.ToContract(t.Kind)) : null;
        }
    }

    /// <summary>The supervisor alerts that hold now (long wait, long service, idle counter), for a page opened later.</summary>
    public IReadOnlyList<AlertMessage> GetActiveAlerts()
    {
        Start();
        lock (_gate)
        {
            return _engine!.ActiveAlerts.ToList();
        }
    }

    /// <summary>A counter's state now, or null when there is no such counter.</summary>
    public CounterStateMessage? GetCounterState(string counterId)
    {
        Start();
        lock (_gate)
        {
            return _engine!.FindCounter(counterId) is { } counter ? _engine.StateOf(counter, _time.GetUtcNow()) : null;
        }
    }

    /// <summary>The village point a counter stands at, or null for the township hall's counters (and for no such counter).</summary>
    public string? VillageOf(string counterId)
    {
        Start();
        lock (_gate)
        {
            return _engine!.FindCounter(counterId)?.Village;
        }
    }

    /// <summary>Publishes every counter's state again, retained: the broker keeps retained messages in memory only.</summary>
    public async Task RestoreRetainedAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(new QueueCommand(this, "republish", null, null, (e, now) => e.Republish(now)), cancellationToken);

    /// <summary>One supervisor pass: closes the day after midnight, raises and clears long-wait, long-service and idle-counter alerts.</summary>
    public async Task<IReadOnlyList<AlertMessage>> SuperviseAsync(CancellationToken ct = default)
    {
        var limits = new SupervisorLimits(_options.LongestWait, _options.LongestService, _options.IdleCounterAfter);
        await RunAsync(new QueueCommand(this, "supervise", null, null, (e, now) => e.Supervise(now, limits)), ct);
        lock (_gate)
        {
            return _engine!.ActiveAlerts.ToList();
        }
    }

    public Task<QueueAdminResult> CreateCategoryAsync(CategoryDefinition definition, CancellationToken ct = default) =>
        AdminAsync((e, now) => e.SaveCategory(now, definition, create: true), ct);

    public Task<QueueAdminResult> UpdateCategoryAsync(CategoryDefinition definition, CancellationToken ct = default) =>
        AdminAsync((e, now) => e.SaveCategory(now, definition, create: false), ct);

    public Task<QueueAdminResult> CreateCounterAsync(CounterDefinition definition, CancellationToken ct = default) =>
        AdminAsync((e, now) => e.SaveCounter(now, definition, create: true), ct);

    public Task<QueueAdminResult> UpdateCounterAsync(CounterDefinition definition, CancellationToken ct = default) =>
        AdminAsync((e, now) => e.SaveCounter(now, definition, create: false), ct);

    public Task<QueueAdminResult> OpenCounterAsync(string counterId, CancellationToken ct = default) =>
        AdminAsync((e, now) => e.OpenCounter(now, counterId), ct);

    public Task<QueueAdminResult> CloseCounterAsync(string counterId, CancellationToken ct = default) =>
        AdminAsync((e, now) => e.CloseCounter(now, counterId), ct);

    /// <summary>Withdraws a waiting ticket (counted as a walk-out).</summary>
    public Task<QueueAdminResult> CancelTicketAsync(string ticketNo, CancellationToken ct = default) =>
        AdminAsync((e, now) => e.CancelTicket(now, ticketNo), ct);

    // ---- inside the write transaction ----

    internal object? Apply(WriteContext context, QueueCommand command)
    {
        var now = context.Now;
        QueueOutcome outcome;
        lock (_gate)
        {
            outcome = command.Run(_engine!, now);
        }

        QueueStore.Save(context.Statements, context.Transaction, outcome);
        foreach (var state in outcome.CounterStates)
        {
            context.Publish(Topics.CounterState(_publisher.HallId, state.Counter), state, retain: true);
        }

        foreach (var hallEvent in outcome.Events)
        {
            context.Raise(hallEvent);
        }

        command.Outcome = outcome;
        return command.Reply?.Invoke(outcome, now);
    }

    /// <summary>
    /// Inside the county configuration's apply: the categories become the county's (new ones added, names updated, the
    /// order the county gives), and a category the county no longer lists is closed to new tickets, never deleted, so
    /// every ticket already issued keeps its number and category. The memory changes with the tables; a rollback reloads.
    /// </summary>
    internal void ApplyCategories(WriteContext context, IReadOnlyList<Hall.Contract.Downlink.ConfigCategory> categories)
    {
        Start();
        var listed = categories.Select(c => c.Prefix).ToHashSet(StringComparer.Ordinal);
        var outcomes = new List<QueueOutcome>();
        lock (_gate)
        {
            for (var i = 0; i < categories.Count; i++)
            {
                var category = categories[i];
                var exists = _engine!.FindCategory(category.Prefix) is not null;
                outcomes.Add(_engine.SaveCategory(context.Now, new CategoryDefinition { Prefix = category.Prefix, Name = category.Name, Active = true, Order = i }, create: !exists));
            }

            foreach (var closed in _engine!.Categories.Where(c => c.Active && !listed.Contains(c.Prefix)).Select(c => c.Prefix).ToList())
            {
                outcomes.Add(_engine.SaveCategory(context.Now, new CategoryDefinition { Prefix = closed, Active = false }, create: false));
            }
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Error is { } error)
            {
                // The bundle was validated before the apply: a refusal here is a bug, and it must undo the whole version.
                throw new InvalidOperationException($"The queue refused a checked category: {error.Code} {error.Message}");
            }

            QueueStore.Save(context.Statements, context.Transaction, outcome);
            foreach (var state in outcome.CounterStates)
            {
                context.Publish(Topics.CounterState(_publisher.HallId, state.Counter), state, retain: true);
            }

            foreach (var hallEvent in outcome.Events)
            {
                context.Raise(hallEvent);
            }
        }
    }

    public void RolledBack(Exception exception)
    {
        // Memory must never run ahead of disk: drop what the failed group did by reloading.
        Log.WriteFailed(_logger, exception);
        try
        {
            var engine = LoadEngine();
            lock (_gate)
            {
                _engine = engine;
            }
        }
        catch (Exception ex)
        {
            Log.ReloadFailed(_logger, ex);
        }
    }

    private QueueEngine LoadEngine()
    {
        using var connection = _database.Open();
        var engine = QueueStore.Load(connection, _options, _clock, _time.GetUtcNow());
        Log.Loaded(_logger, engine.Day, engine.Categories.Count(), engine.Counters.Count(), engine.Tickets.Count());
        return engine;
    }

    private async Task<QueueCommandResult> RunAsync(QueueCommand command, CancellationToken ct)
    {
        Start();
        var reply = await _writer.SubmitAsync(command, ct);
        return new QueueCommandResult(reply, command.Outcome, Repeated: command.Outcome is null);
    }

    private async Task<object> RunRequestAsync(QueueCommand command, string requestId, CancellationToken ct)
    {
        try
        {
            var result = await RunAsync(command, ct);
            return result.Reply!;
        }
        catch (StoreUnavailableException ex)
        {
            return Error(requestId, ErrorCodes.StoreUnavailable, $"盒子暂时无法保存,请稍后重试;本次请求未生效 ({ex.Message})");
        }
    }

    private async Task<QueueAdminResult> AdminAsync(Func<QueueEngine, DateTimeOffset, QueueOutcome> run, CancellationToken ct)
    {
        try
        {
            var result = await RunAsync(new QueueCommand(this, "admin", null, null, run), ct);
            return new QueueAdminResult(result.Outcome!.Error, result.Outcome.CounterState);
        }
        catch (StoreUnavailableException ex)
        {
            return new QueueAdminResult(new ErrorBody(ErrorCodes.StoreUnavailable, $"盒子暂时无法保存,请稍后重试;本次修改未生效 ({ex.Message})"));
        }
    }

    // ---- replies ----

    // Where the hall asks for it, a counter rates the last service (or lets its window run out) before calling again.
    private bool MustWaitForRating(string? counter)
    {
        if (_ratingGate is null || counter is null)
        {
            return false;
        }

        Start();
        Ticket? last;
        lock (_gate)
        {
            last = _engine!.LastFinishedAt(counter);
        }

        return last is { EndedAt: { } endedAt } && _ratingGate.MustWaitForRating(counter, last.TicketNo, endedAt);
    }

    private ErrorReply? Precheck(DeviceIdentity who, DeviceRole role, string? requestId, string what)
    {
        if (who.Role != role)
        {
            return Error(requestId, ErrorCodes.NotAllowed, $"此设备 ({who.DeviceId}, {who.Role}) 不能{what};只有 {role} 设备可以 (not allowed)");
        }

        if (string.IsNullOrWhiteSpace(requestId))
        {
            return Error(null, ErrorCodes.MissingField, "缺少 requestId:每个请求需带唯一的 requestId,以便重发时不重复办理 (requestId is required)");
        }

        return null;
    }

    private object TicketReplyOf(string requestId, QueueOutcome outcome, DateTimeOffset now, bool reprint)
    {
        if (outcome.Error is { } error || outcome.Ticket is not { } ticket || outcome.Estimate is not { } estimate)
        {
            return new ErrorReply(requestId, _clock.Local(now), outcome.Error ?? new ErrorBody(ErrorCodes.UnknownTicket, "没有该号"));
        }

        return new TicketReply
        {
            RequestId = requestId,
            Ts = _clock.Local(now),
            TicketNo = ticket.TicketNo,
            Category = ticket.Category,
            CategoryName = CategoryName(ticket.Category),
            Priority = TicketKinds.ToContract(ticket.Kind),
            WaitingAhead = estimate.WaitingAhead,
            EstimatedWaitMinutes = estimate.Minutes,
            IssuedAt = ticket.IssuedAt,
            Reprint = reprint,
        };
    }

    private string? CategoryName(string prefix)
    {
        lock (_gate)
        {
            return _engine!.FindCategory(prefix)?.Name;
        }
    }

    // A reply is either the counter's state or an error: both go back as object to the router.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Two reply types share this path.")]
    private object CounterReplyOf(string requestId, QueueOutcome outcome, DateTimeOffset now) =>
        outcome.Error is { } error
            ? new ErrorReply(requestId, _clock.Local(now), error)
            : outcome.CounterState! with { RequestId = requestId };

    private ErrorReply Error(string? requestId, string code, string message) =>
        new(requestId, _clock.Local(_time.GetUtcNow()), new ErrorBody(code, message));

    private async Task<Func<QueueEngine, DateTimeOffset, QueueOutcome>> SignInAsync(DeviceIdentity who, string? counter, CounterRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.StaffId) || string.IsNullOrWhiteSpace(request.Pin))
        {
            return (e, now) => e.RefuseAtCounter(now, counter, ErrorCodes.MissingField, "签到需要工号 staffId 和密码 pin");
        }

        var staffId = request.StaffId.Trim();

        // Counted per keypad (its device id) or, for the counter page, per browser address, so one guesser slows only itself.
        var check = await _staff.CheckPinAsync(staffId, request.Pin, who.SignInSource ?? "device:" + who.DeviceId, ct);
        if (check.Name is { } name)
        {
            return (e, now) => e.SignIn(now, counter, staffId, name);
        }

        int? retryAfter = check.RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;
        return (e, now) =>
        {
            var refused = e.RefuseAtCounter(now, counter, check.Code ?? ErrorCodes.BadPin, check.Message ?? "工号或 PIN 不正确,请重新输入;多次失败请联系值班长");
            return retryAfter is null || refused.Error is null ? refused : refused.With(refused.Error with { RetryAfterSeconds = retryAfter });
        };
    }

    internal static object ParseReply(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("error", out _))
        {
            return JsonSerializer.Deserialize<ErrorReply>(json, HallJson.Options)!;
        }

        return name == Topics.Requests.Counter
            ? JsonSerializer.Deserialize<CounterStateMessage>(json, HallJson.Options)!
            : JsonSerializer.Deserialize<TicketReply>(json, HallJson.Options)!;
    }
}
