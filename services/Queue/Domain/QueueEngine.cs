using System.Globalization;
using System.Text.RegularExpressions;
using Hall.Contract.Events;
using Hall.Contract;
using Hall.Queue.Estimation;
using Hall.Queue.Supervision;

namespace Hall.Queue.Domain;

/// <summary>
/// The hall's queue in memory, with no I/O: categories, counters and today's tickets. Every command takes
/// <c>now</c> and returns a <see cref="QueueOutcome"/>; a refused command changes nothing (except closing
/// the previous day, which every command does first). Not thread-safe: one writer drives it.
/// Numbering: <see cref="TicketNumbering"/>; which ticket "next" calls: <see cref="CallSelector"/>;
/// wait estimate: <see cref="WaitEstimator"/>; supervisor limits: <see cref="SupervisorChecker"/>.
/// </summary>
public sealed partial class QueueEngine
{
    private const int RecentCallCount = 10;

    private readonly QueueOptions _options;
    private readonly HallClock _clock;
    private readonly InterleaveRule _defaultRule;
    private readonly Dictionary<string, Category> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<(DateOnly Day, string TicketNo), Ticket> _tickets = [];
    private readonly TicketNumbering _numbering;
    private readonly Dictionary<string, AlertCondition> _activeAlerts = new(StringComparer.Ordinal);
    private readonly WaitingLine _line = new();

    // The change set of the command in progress.
    private readonly List<Ticket> _changedTickets = [];
    private readonly List<Counter> _changedCounters = [];
    private readonly List<Category> _changedCategories = [];
    private readonly List<HallEvent> _events = [];
    private bool _waitingChanged;
    private bool _mayHaveStaleTickets = true;

    public QueueEngine(QueueOptions options, HallClock clock, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock;
        _defaultRule = InterleaveRule.TryParse(options.DefaultInterleave, out var rule) ? rule : InterleaveRule.Default;
        _numbering = new TicketNumbering(day);
        ServiceTimes = new ServiceTimes(Math.Max(1, options.ServiceTimeWindow), options.DefaultServiceTime);
    }

    /// <summary>The hall-local day whose numbers are being issued.</summary>
    public DateOnly Day => _numbering.Day;

    public ServiceTimes ServiceTimes { get; }

    public HallClock Clock => _clock;

    public IEnumerable<Category> Categories => _categories.Values.OrderBy(c => c.Order).ThenBy(c => c.Prefix, StringComparer.Ordinal);

    public IEnumerable<Counter> Counters => _counters.Values.OrderBy(c => c.Order).ThenBy(c => c.Id, StringComparer.Ordinal);

    /// <summary>Tickets of the current day (and older ones still in service).</summary>
    public IEnumerable<Ticket> Tickets => _tickets.Values;

    /// <summary>The ticket whose service ended last at the counter today, or null.</summary>
    public Ticket? LastFinishedAt(string counterId) => _tickets.Values
        .Where(t => t.Status == TicketStatus.Finished && t.EndedAt is not null && string.Equals(t.Counter, counterId, StringComparison.Ordinal))
        .MaxBy(t => t.EndedAt);

    /// <summary>Waiting tickets in issue order, as they are when the enumeration starts.</summary>
    public IEnumerable<Ticket> Waiting => WaitingAsOf();

    /// <summary>Alerts that hold now (raised and not yet cleared).</summary>
    public IEnumerable<AlertMessage> ActiveAlerts => _activeAlerts.Values.Select(a => a.Alert);

    public Category? FindCategory(string prefix) => _categories.GetValueOrDefault(prefix);

    public Counter? FindCounter(string id) => _counters.GetValueOrDefault(id);

    /// <summary>A ticket of the current day by number.</summary>
    public Ticket? FindTicket(string ticketNo) => _tickets.GetValueOrDefault((Day, ticketNo.Trim().ToUpperInvariant()));

    // ---- loading (from the store, before any command) ----

    public void Load(Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        _categories[category.Prefix] = category;
    }

    public void Load(Counter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        _counters[counter.Id] = counter;
    }

    public void Load(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (_tickets.TryGetValue((ticket.Day, ticket.TicketNo), out var replaced))
        {
            _line.Update(replaced, waiting: false);
        }

        _tickets[(ticket.Day, ticket.TicketNo)] = ticket;
        _line.Update(ticket, ticket.Status == TicketStatus.Waiting);
        if (ticket.Day == Day)
        {
            _numbering.Seen(ticket.IssuePrefix, ticket.Number);
        }
    }

    public Ticket? FindLoaded(DateOnly day, string ticketNo) => _tickets.GetValueOrDefault((day, ticketNo));

    // ---- housekeeping ----

    /// <summary>
    /// Closes the previous day when the hall's midnight has passed: numbers restart at 001 and tickets still
    /// waiting become walk-outs. Every command calls this first; the supervisor calls it on each tick.
    /// </summary>
    public QueueOutcome Roll(DateTimeOffset now)
    {
        Begin();
        RollDay(now);
        return End(now, null);
    }

    /// <summary>Checks the supervisor limits: raises each new condition once and clears each one that ended.</summary>
    public QueueOutcome Supervise(DateTimeOffset now, SupervisorLimits limits)
    {
        Begin();
        RollDay(now);
        var ts = _clock.Local(now);
        var current = SupervisorChecker.Check(Waiting, _counters.Values, ts, limits).ToDictionary(c => c.Key, StringComparer.Ordinal);
        foreach (var (key, condition) in current)
        {
            if (_activeAlerts.TryAdd(key, condition))
            {
                _events.Add(new AlertRaised(ts, condition.Alert));
            }
        }

        foreach (var key in _activeAlerts.Keys.Where(k => !current.ContainsKey(k)).ToList())
        {
            var ended = _activeAlerts[key].Alert with { Ts = ts, Active = false };
            _activeAlerts.Remove(key);
            _events.Add(new AlertRaised(ts, ended));
        }

        return End(now, null);
    }

    // ---- kiosk ----

    /// <summary>Issues a ticket: the only place a number is taken (<see cref="TicketNumbering.Take"/>).</summary>
    /// <param name="village">The issuing kiosk's village point (its enrollment, never the request): the ticket waits for that village's counters.</param>
    public QueueOutcome Issue(DateTimeOffset now, string? categoryText, string? priority, string? appointmentCode, string? idCardHash, string? village = null)
    {
        Begin();
        RollDay(now);
        if (string.IsNullOrWhiteSpace(categoryText))
        {
            return Fail(now, ErrorCodes.MissingField, "请选择业务类别 (category is required)");
        }

        var prefix = categoryText.Trim().ToUpperInvariant();
        if (!_categories.TryGetValue(prefix, out var category))
        {
            return Fail(now, ErrorCodes.UnknownCategory, $"没有该业务类别: {prefix} (unknown category; choose one of {string.Join(", ", Categories.Select(c => c.Prefix))})");
        }

        if (!category.Active)
        {
            return Fail(now, ErrorCodes.CategoryClosed, $"{category.Prefix} {category.Name} 今日已停止取号,请咨询导办台 (category closed)");
        }

        if (!TicketKinds.TryParse(priority, appointmentCode, out var kind))
        {
            return Fail(now, ErrorCodes.InvalidField, $"priority 只能是 green, assisted 或 elderly, 收到: {priority}");
        }

        if (appointmentCode is { Length: > 64 })
        {
            return Fail(now, ErrorCodes.InvalidField, "预约码过长 (appointmentCode longer than 64 characters)");
        }

        if (_options.OneWaitingTicketPerIdCard)
        {
            if (idCardHash is null)
            {
                return Fail(now, ErrorCodes.MissingField, "本厅每人每类只保留一个等候号,请先刷身份证 (idCard is required)");
            }

            var held = WaitingLine().FirstOrDefault(t => t.IdCardHash == idCardHash && string.Equals(t.Category, prefix, StringComparison.Ordinal));
            if (held is not null)
            {
                return Fail(now, ErrorCodes.AlreadyWaiting, $"您已有等候中的号 {held.TicketNo},无需重复取号 (already waiting)");
            }
        }

        var limit = Math.Min(category.DailyLimit, TicketNumbering.MaxNumber);
        if (_numbering.Last(prefix) >= limit)
        {
            return Fail(now, ErrorCodes.DailyLimitReached, $"{category.Prefix} {category.Name} 今日号已取完 ({limit} 个),请明日再来或预约 (daily limit reached)");
        }

        // Estimate before the ticket joins the queue: what is ahead of it now.
        var estimate = EstimateFor(prefix, kind != TicketKind.Ordinary, now);
        var number = _numbering.Take(prefix);
        var ticket = new Ticket
        {
            TicketNo = TicketNumbering.Format(prefix, number),
            Day = Day,
            IssuePrefix = prefix,
            Number = number,
            Category = prefix,
            Kind = kind,
            IssuedAt = _clock.Local(now),
            IdCardHash = idCardHash,
            AppointmentCode = string.IsNullOrWhiteSpace(appointmentCode) ? null : appointmentCode.Trim(),
            Village = village,
        };
        _tickets[(ticket.Day, ticket.TicketNo)] = ticket;
        MarkTicket(ticket);
        _waitingChanged = true;
        _events.Add(new TicketIssued(ticket.IssuedAt, ticket.TicketNo, ticket.Category, TicketKinds.ToContract(kind), ticket.IssuedAt) { Village = village });
        return End(now, null, ticket: ticket, estimate: estimate);
    }

    /// <summary>Prints a waiting ticket again (a lost slip), within the hall's cap.</summary>
    public QueueOutcome Reprint(DateTimeOffset now, string? ticketNo)
    {
        Begin();
        RollDay(now);
        if (!_options.ReprintEnabled)
        {
            return Fail(now, ErrorCodes.ReprintDisabled, "本厅不提供补打号票,请到导办台咨询 (reprint disabled)");
        }

        if (string.IsNullOrWhiteSpace(ticketNo))
        {
            return Fail(now, ErrorCodes.MissingField, "请输入要补打的号码 (ticketNo is required)");
        }

        var ticket = FindTicket(ticketNo);
        if (ticket is null || ticket.Status is not (TicketStatus.Waiting or TicketStatus.Called))
        {
            return Fail(now, ErrorCodes.UnknownTicket, $"今日没有在等候的号 {ticketNo.Trim().ToUpperInvariant()} (unknown ticket)");
        }

        if (ticket.Reprints >= _options.MaxReprints)
        {
            return Fail(now, ErrorCodes.ReprintLimit, $"{ticket.TicketNo} 已补打 {ticket.Reprints} 次,不能再补打,请到导办台 (reprint limit)");
        }

        ticket.Reprints++;
        MarkTicket(ticket);
        var estimate = EstimateAhead(ticket, now);
        return End(now, null, ticket: ticket, estimate: estimate);
    }

    // ---- counter commands ----

    /// <summary>Finishes the ticket in service (if any) and calls the next one: the core of the caller.</summary>
    public QueueOutcome Next(DateTimeOffset now, string? counterId)
    {
        Begin();
        RollDay(now);
        if (!TryCounterReady(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        var rule = counter.Interleave ?? _defaultRule;
        var chosen = CallSelector.Choose(counter, WaitingLine(), rule, _options.MaxOvertakes);
        if (chosen is null)
        {
            var still = counter.Current is null ? "" : $"; 当前号 {counter.Current.TicketNo} 仍在办理,办完请按\"完成\"";
            return Fail(now, ErrorCodes.NoWaitingTicket, $"{counter.Name} 暂无等候的号{still} (no waiting ticket)", counter);
        }

        FinishCurrent(counter, now);
        CallTicket(counter, chosen, rule, now);
        return End(now, counter);
    }

    /// <summary>Calls a given waiting ticket (staff's choice), finishing the one in service.</summary>
    public QueueOutcome Call(DateTimeOffset now, string? counterId, string? ticketNo)
    {
        Begin();
        RollDay(now);
        if (!TryCounterReady(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(ticketNo))
        {
            return Fail(now, ErrorCodes.MissingField, "请指定要叫的号 (ticketNo is required for call)", counter);
        }

        var ticket = FindTicket(ticketNo);
        if (ticket is null)
        {
            return Fail(now, ErrorCodes.UnknownTicket, $"今日没有 {ticketNo.Trim().ToUpperInvariant()} 号 (unknown ticket)", counter);
        }

        if (ticket.Status != TicketStatus.Waiting)
        {
            return Fail(now, ErrorCodes.TicketNotWaiting, $"{ticket.TicketNo} 不在等候中 (ticket not waiting)", counter);
        }

        if (ticket.ForCounter is not null && ticket.ForCounter != counter.Id)
        {
            return Fail(now, ErrorCodes.TicketNotWaiting, $"{ticket.TicketNo} 已转给 {ticket.ForCounter} 号窗口办理 (reserved for another counter)", counter);
        }

        FinishCurrent(counter, now);
        CallTicket(counter, ticket, counter.Interleave ?? _defaultRule, now);
        return End(now, counter);
    }

    public QueueOutcome Recall(DateTimeOffset now, string? counterId)
    {
        Begin();
        RollDay(now);
        if (!TryCounterReady(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        if (counter.Current is not { } ticket)
        {
            return Fail(now, ErrorCodes.NoCurrentTicket, "当前没有在叫的号,请先叫号 (no current ticket)", counter);
        }

        if (ticket.Recalls >= _options.MaxRecalls)
        {
            return Fail(now, ErrorCodes.RecallLimit, $"{ticket.TicketNo} 已重呼 {ticket.Recalls} 次,请过号或叫下一位 (recall limit)", counter);
        }

        ticket.Recalls++;
        MarkTicket(ticket);
        MarkCounter(counter);
        _events.Add(new TicketCalled(_clock.Local(now), ticket.TicketNo, ticket.Category, counter.Id, counter.Name, true, counter.StaffId) { Village = ticket.Village });
        return End(now, counter);
    }

    /// <summary>过号: the called person did not come after the required recalls; recorded as a no-show.</summary>
    public QueueOutcome Skip(DateTimeOffset now, string? counterId)
    {
        Begin();
        RollDay(now);
        if (!TryCounterReady(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        if (counter.Current is not { } ticket)
        {
            return Fail(now, ErrorCodes.NoCurrentTicket, "当前没有在叫的号 (no current ticket)", counter);
        }

        if (ticket.Recalls < _options.RecallsBeforeSkip)
        {
            return Fail(now, ErrorCodes.SkipTooEarly, $"请先重呼 {ticket.TicketNo} (已重呼 {ticket.Recalls} 次,需 {_options.RecallsBeforeSkip} 次后才能过号) (skip too early)", counter);
        }

        ticket.Status = TicketStatus.NoShow;
        ticket.EndedAt = _clock.Local(now);
        MarkTicket(ticket);
        SetCurrent(counter, null, now);
        _events.Add(new TicketSkipped(_clock.Local(now), ticket.TicketNo, ticket.Category, counter.Id) { Village = ticket.Village });
        return End(now, counter);
    }

    /// <summary>
    /// Sends the ticket in service back to waiting, in another category or for one counter only. It keeps its
    /// place by original issue time.
    /// </summary>
    public QueueOutcome Transfer(DateTimeOffset now, string? counterId, string? toCategory, string? toCounter)
    {
        Begin();
        RollDay(now);
        if (!TryCounterReady(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        if (counter.Current is not { } ticket)
        {
            return Fail(now, ErrorCodes.NoCurrentTicket, "当前没有在办理的号,无法转移 (no current ticket)", counter);
        }

        var hasCategory = !string.IsNullOrWhiteSpace(toCategory);
        var hasCounter = !string.IsNullOrWhiteSpace(toCounter);
        if (hasCategory == hasCounter)
        {
            return Fail(now, hasCategory ? ErrorCodes.InvalidField : ErrorCodes.MissingField, "转移需指定 toCategory 或 toCounter 中的一个 (exactly one of toCategory, toCounter)", counter);
        }

        string? newCategory = null;
        string? newCounter = null;
        if (hasCategory)
        {
            newCategory = toCategory!.Trim().ToUpperInvariant();
            if (!_categories.ContainsKey(newCategory))
            {
                return Fail(now, ErrorCodes.UnknownCategory, $"没有该业务类别: {newCategory} (unknown category)", counter);
            }

            if (newCategory == ticket.Category && ticket.ForCounter is null)
            {
                return Fail(now, ErrorCodes.SameTarget, $"{ticket.TicketNo} 已在 {newCategory} 类 (same target)", counter);
            }
        }
        else
        {
            newCounter = toCounter!.Trim();
            if (!_counters.TryGetValue(newCounter, out var target))
            {
                return Fail(now, ErrorCodes.UnknownCounter, $"没有 {newCounter} 号窗口 (unknown counter)", counter);
            }

            if (target.Id == counter.Id)
            {
                return Fail(now, ErrorCodes.SameTarget, "不能转给本窗口 (same target)", counter);
            }

            if (!string.Equals(target.Village, ticket.Village, StringComparison.Ordinal))
            {
                return Fail(now, ErrorCodes.NotThisVillage, $"{ticket.TicketNo} 号是{(ticket.Village is null ? "本中心" : $"代办点 {ticket.Village} ")}的号,{target.Name} 属于{(target.Village is null ? "本中心" : $"代办点 {target.Village}")},不能转过去 (not this village)", counter);
            }

            if (target.Status == CounterStatus.Closed)
            {
                return Fail(now, ErrorCodes.CounterClosed, $"{target.Name} 未开放,请转给其他窗口 (target counter closed)", counter);
            }
        }

        ticket.Status = TicketStatus.Waiting;
        ticket.Recalls = 0;
        ticket.Counter = null;
        ticket.StaffId = null;
        ticket.CalledAt = null;
        if (newCategory is not null)
        {
            ticket.Category = newCategory;
            ticket.ForCounter = null;
        }
        else
        {
            ticket.ForCounter = newCounter;
        }

        MarkTicket(ticket);
        SetCurrent(counter, null, now);
        _waitingChanged = true;
        _events.Add(new TicketTransferred(_clock.Local(now), ticket.TicketNo, counter.Id, newCategory, newCounter));
        return End(now, counter);
    }

    public QueueOutcome Pause(DateTimeOffset now, string? counterId, string? reason)
    {
        Begin();
        RollDay(now);
        if (!TryCounter(now, counterId, out var counter, out var refused) || !TrySignedIn(now, counter, out refused))
        {
            return refused;
        }

        if (counter.Status == CounterStatus.Closed)
        {
            return Fail(now, ErrorCodes.CounterClosed, $"{counter.Name} 未开放 (counter closed)", counter);
        }

        if (counter.Current is { } current)
        {
            return Fail(now, ErrorCodes.CounterBusy, $"请先完成或过号 {current.TicketNo} 再暂停 (counter busy)", counter);
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "暂停服务" : reason.Trim();
        if (why.Length > 100)
        {
            return Fail(now, ErrorCodes.InvalidField, "暂停原因不超过 100 字 (reason too long)", counter);
        }

        SetStatus(counter, CounterStatus.Paused, why, now);
        return End(now, counter);
    }

    public QueueOutcome Resume(DateTimeOffset now, string? counterId)
    {
        Begin();
        RollDay(now);
        if (!TryCounter(now, counterId, out var counter, out var refused) || !TrySignedIn(now, counter, out refused))
        {
            return refused;
        }

        if (counter.Status == CounterStatus.Closed)
        {
            return Fail(now, ErrorCodes.CounterClosed, $"{counter.Name} 未开放,请先签到或由管理员开放 (counter closed)", counter);
        }

        if (counter.Status == CounterStatus.Paused)
        {
            SetStatus(counter, CounterStatus.Open, null, now);
        }

        return End(now, counter);
    }

    public QueueOutcome Finish(DateTimeOffset now, string? counterId, string? serviceItem = null, string? caseNumber = null)
    {
        Begin();
        RollDay(now);
        if (!TryCounter(now, counterId, out var counter, out var refused) || !TrySignedIn(now, counter, out refused))
        {
            return refused;
        }

        if (counter.Current is null)
        {
            return Fail(now, ErrorCodes.NoCurrentTicket, "当前没有在办理的号 (no current ticket)", counter);
        }

        FinishCurrent(counter, now, serviceItem, caseNumber);
        return End(now, counter);
    }

    /// <summary>Staff sign in at the counter (the PIN was checked by the caller of this method); the counter opens.</summary>
    public QueueOutcome SignIn(DateTimeOffset now, string? counterId, string staffId, string? staffName)
    {
        Begin();
        RollDay(now);
        if (!TryCounter(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        counter.StaffId = staffId;
        counter.StaffName = staffName;
        if (counter.Status == CounterStatus.Closed)
        {
            counter.Status = CounterStatus.Open;
        }

        counter.Since = _clock.Local(now);
        MarkCounter(counter);
        return End(now, counter);
    }

    /// <summary>A counter request refused before it reached the queue (wrong PIN, unknown command): nothing changes.</summary>
    public QueueOutcome RefuseAtCounter(DateTimeOffset now, string? counterId, string code, string message)
    {
        Begin();
        RollDay(now);
        return TryCounter(now, counterId, out var counter, out var refused) ? Fail(now, code, message, counter) : refused;
    }

    /// <summary>A kiosk or admin request refused before it reached the queue (bad ID card number): nothing changes.</summary>
    public QueueOutcome Refuse(DateTimeOffset now, string code, string message)
    {
        Begin();
        RollDay(now);
        return Fail(now, code, message);
    }

    /// <summary>Changes nothing; lists every counter's state so that it is published again (retained topics after a box start).</summary>
    public QueueOutcome Republish(DateTimeOffset now)
    {
        Begin();
        RollDay(now);

        // At start the board's waiting counts come from here: the queue owns them, nobody else stores them.
        _waitingChanged = true;
        var outcome = End(now, null);
        return new QueueOutcome
        {
            ChangedTickets = outcome.ChangedTickets,
            ChangedCounters = outcome.ChangedCounters,
            Events = outcome.Events.Where(e => e is not CounterChanged).ToList(),
            CounterStates = Counters.Select(c => StateOf(c, now)).ToList(),
        };
    }

    /// <summary>Staff leave: the counter closes. Refused while a ticket is in service.</summary>
    public QueueOutcome SignOut(DateTimeOffset now, string? counterId)
    {
        Begin();
        RollDay(now);
        if (!TryCounter(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        if (counter.Current is { } current)
        {
            return Fail(now, ErrorCodes.CounterBusy, $"请先完成或过号 {current.TicketNo} 再签退 (counter busy)", counter);
        }

        counter.StaffId = null;
        counter.StaffName = null;
        SetStatus(counter, CounterStatus.Closed, null, now);
        return End(now, counter);
    }

    // ---- internals ----

    private void RollDay(DateTimeOffset now)
    {
        var today = _clock.Day(now);
        var newDay = today > _numbering.Day;
        if (newDay)
        {
            _numbering.StartDay(today);
        }

        if (!newDay && !_mayHaveStaleTickets)
        {
            return;
        }

        _mayHaveStaleTickets = false;
        foreach (var ticket in _tickets.Values.Where(t => t.Day < Day).ToList())
        {
            if (ticket.Status == TicketStatus.Waiting)
            {
                ticket.Status = TicketStatus.WalkOut;
                ticket.EndedAt = _clock.Local(now);
                MarkTicket(ticket);
                _waitingChanged = true;
            }

            // Yesterday's ticket still in service stays reachable through its counter.
            _tickets.Remove((ticket.Day, ticket.TicketNo));
        }
    }

    private void CallTicket(Counter counter, Ticket ticket, InterleaveRule rule, DateTimeOffset now)
    {
        foreach (var passed in CallSelector.Overtaken(counter, WaitingLine(), ticket).ToList())
        {
            passed.Overtaken++;
            MarkTicket(passed);
        }

        CallSelector.Advance(counter, ticket, rule);
        var ts = _clock.Local(now);
        ticket.Status = TicketStatus.Called;
        ticket.Counter = counter.Id;
        ticket.StaffId = counter.StaffId;
        ticket.CalledAt = ts;
        ticket.Recalls = 0;
        ticket.ForCounter = null;
        MarkTicket(ticket);
        SetCurrent(counter, ticket, now);
        _waitingChanged = true;
        _events.Add(new TicketCalled(ts, ticket.TicketNo, ticket.Category, counter.Id, counter.Name, false, counter.StaffId) { Village = ticket.Village });
    }

    private void FinishCurrent(Counter counter, DateTimeOffset now, string? serviceItem = null, string? caseNumber = null)
    {
        if (counter.Current is not { } ticket)
        {
            return;
        }

        var ts = _clock.Local(now);
        ticket.Status = TicketStatus.Finished;
        ticket.EndedAt = ts;
        MarkTicket(ticket);
        var calledAt = ticket.CalledAt ?? ts;
        ServiceTimes.Add(ticket.Category, ts - calledAt);
        SetCurrent(counter, null, now);
        _events.Add(new TicketFinished(ts, ticket.TicketNo, ticket.Category, counter.Id, ticket.StaffId, calledAt)
        {
            StaffName = counter.StaffName,
            ServiceItem = serviceItem,
            CaseNumber = caseNumber,
            Village = ticket.Village,
        });
    }

    private void SetStatus(Counter counter, CounterStatus status, string? pauseReason, DateTimeOffset now)
    {
        counter.Status = status;
        counter.PauseReason = pauseReason;
        counter.Since = _clock.Local(now);
        MarkCounter(counter);
    }

    private void SetCurrent(Counter counter, Ticket? ticket, DateTimeOffset now)
    {
        counter.Current = ticket;
        counter.Since = _clock.Local(now);
        MarkCounter(counter);
    }

    private bool TryCounter(DateTimeOffset now, string? counterId, out Counter counter, out QueueOutcome refused)
    {
        counter = null!;
        refused = null!;
        if (string.IsNullOrWhiteSpace(counterId))
        {
            refused = Fail(now, ErrorCodes.UnknownCounter, "该叫号器未绑定窗口,请技术人员重新登记设备 (caller has no counter)");
            return false;
        }

        if (!_counters.TryGetValue(counterId, out counter!))
        {
            refused = Fail(now, ErrorCodes.UnknownCounter, $"没有 {counterId} 号窗口,请管理员先添加该窗口 (unknown counter)");
            return false;
        }

        return true;
    }

    private bool TrySignedIn(DateTimeOffset now, Counter counter, out QueueOutcome refused)
    {
        refused = null!;
        if (_options.RequireSignIn && counter.StaffId is null)
        {
            refused = Fail(now, ErrorCodes.NotSignedIn, $"{counter.Name} 尚未签到,请先签到 (not signed in)", counter);
            return false;
        }

        return true;
    }

    /// <summary>Checks for commands that call or act on tickets: the counter exists, is staffed if required, and is open.</summary>
    private bool TryCounterReady(DateTimeOffset now, string? counterId, out Counter counter, out QueueOutcome refused)
    {
        if (!TryCounter(now, counterId, out counter, out refused) || !TrySignedIn(now, counter, out refused))
        {
            return false;
        }

        switch (counter.Status)
        {
            case CounterStatus.Closed:
                refused = Fail(now, ErrorCodes.CounterClosed, $"{counter.Name} 未开放,请先签到或由管理员开放 (counter closed)", counter);
                return false;
            case CounterStatus.Paused:
                refused = Fail(now, ErrorCodes.CounterPaused, $"{counter.Name} 暂停中 ({counter.PauseReason}),请先恢复服务 (counter paused)", counter);
                return false;
            default:
                return true;
        }
    }

    private void Begin()
    {
        SyncLine();
        _changedTickets.Clear();
        _changedCounters.Clear();
        _changedCategories.Clear();
        _events.Clear();
        _waitingChanged = false;
    }

    private void MarkTicket(Ticket ticket)
    {
        if (!_changedTickets.Contains(ticket))
        {
            _changedTickets.Add(ticket);
        }
    }

    private void MarkCounter(Counter counter)
    {
        if (!_changedCounters.Contains(counter))
        {
            _changedCounters.Add(counter);
        }
    }

    private QueueOutcome Fail(DateTimeOffset now, string code, string message, Counter? counter = null) =>
        End(now, counter, new ErrorBody(code, message));

    private QueueOutcome End(DateTimeOffset now, Counter? counter, ErrorBody? error = null, Ticket? ticket = null, WaitEstimate? estimate = null)
    {
        var ts = _clock.Local(now);
        var events = new List<HallEvent>(_events);
        if (_waitingChanged)
        {
            events.Add(new WaitingChanged(ts, WaitingCounts()));
        }

        var states = _changedCounters.Select(c => StateOf(c, now)).ToList();
        events.AddRange(states.Select(s => new CounterChanged(ts, s)));
        return new QueueOutcome
        {
            Error = error,
            Ticket = ticket,
            Estimate = estimate,
            CounterState = counter is null ? null : StateOf(counter, now),
            ChangedTickets = _changedTickets.ToList(),
            ChangedCounters = _changedCounters.ToList(),
            ChangedCategories = _changedCategories.ToList(),
            CounterStates = states,
            Events = events,
        };
    }

    private WaitEstimate EstimateAhead(Ticket ticket, DateTimeOffset now)
    {
        // For a reprint: the tickets still ahead of this one in its category.
        var waiting = WaitingLine();
        var ahead = waiting.Where(t => t.Category == ticket.Category && t.ForCounter is null && (t.IsPriority && !ticket.IsPriority || t.IsPriority == ticket.IsPriority && t.IssuedBefore(ticket)))
            .Select(t => new WaitingTicketInfo(t.Category, t.IsPriority)).ToList();
        var others = waiting.Where(t => t.Category != ticket.Category || t.ForCounter is not null)
            .Select(t => new WaitingTicketInfo(t.Category, t.IsPriority, t.ForCounter));
        return WaitEstimator.Estimate(new WaitEstimateRequest(ticket.Category, ticket.IsPriority, [.. ahead, .. others], CounterLoads(now), ServiceTimes.Means(_categories.Keys), ServiceTimes.Default));
    }

    /// <summary>The waiting line brought up to date with the tickets this command changed so far.</summary>
    private IReadOnlyList<Ticket> WaitingLine()
    {
        SyncLine();
        return _line.InOrder;
    }

    // Every change to a ticket goes through MarkTicket, so the changed tickets are all the line can have missed.
    private void SyncLine()
    {
        foreach (var ticket in _changedTickets)
        {
            var held = _tickets.TryGetValue((ticket.Day, ticket.TicketNo), out var current) && ReferenceEquals(current, ticket);
            _line.Update(ticket, held && ticket.Status == TicketStatus.Waiting);
        }
    }

    private IEnumerable<Ticket> WaitingAsOf()
    {
        // A copy: callers may change tickets while they enumerate.
        foreach (var ticket in WaitingLine().ToArray())
        {
            yield return ticket;
        }
    }

    private static TimeSpan Remaining(TimeSpan left) => left > TimeSpan.Zero ? left : TimeSpan.Zero;
}
