namespace Hall.Contract.Events;

/// <summary>
/// A domain event: how services meet without touching each other's tables. Raised after the
/// change it describes has been committed, in commit order.
/// </summary>
public abstract record HallEvent(DateTimeOffset Ts);

/// <summary>A ticket was issued by a kiosk or the kiosk page.</summary>
public sealed record TicketIssued(DateTimeOffset Ts, string TicketNo, string Category, string? Priority, DateTimeOffset IssuedAt) : HallEvent(Ts)
{
    /// <summary>The village point whose kiosk issued it (from the kiosk's enrollment); null at the township hall.</summary>
    public string? Village { get; init; }
}

/// <summary>A counter called (or recalled) a ticket.</summary>
public sealed record TicketCalled(DateTimeOffset Ts, string TicketNo, string Category, string Counter, string? CounterName, bool Recall, string? StaffId) : HallEvent(Ts)
{
    /// <summary>The ticket's village point; null at the township hall.</summary>
    public string? Village { get; init; }
}

/// <summary>Service of a ticket ended at a counter; the evaluator may now ask for a rating.</summary>
public sealed record TicketFinished(DateTimeOffset Ts, string TicketNo, string Category, string Counter, string? StaffId, DateTimeOffset CalledAt) : HallEvent(Ts)
{
    public string? StaffName { get; init; }

    /// <summary>The catalogue item (事项) served, when the counter said which on finish.</summary>
    public string? ServiceItem { get; init; }

    /// <summary>The application's number in the approval system (办件编号), when the counter gave it on finish.</summary>
    public string? CaseNumber { get; init; }

    /// <summary>The village point where it was served (the ticket's); null at the township hall.</summary>
    public string? Village { get; init; }
}

/// <summary>A called ticket did not come (过号): a no-show, recorded apart from walk-outs.</summary>
public sealed record TicketSkipped(DateTimeOffset Ts, string TicketNo, string Category, string Counter) : HallEvent(Ts)
{
    /// <summary>The ticket's village point; null at the township hall.</summary>
    public string? Village { get; init; }
}

/// <summary>A ticket moved to another category or counter, keeping its place by issue time.</summary>
public sealed record TicketTransferred(DateTimeOffset Ts, string TicketNo, string FromCounter, string? ToCategory, string? ToCounter) : HallEvent(Ts);

/// <summary>How many tickets wait, per category prefix, after a change.</summary>
public sealed record WaitingChanged(DateTimeOffset Ts, IReadOnlyDictionary<string, int> Waiting) : HallEvent(Ts);

/// <summary>A counter opened, paused, resumed, closed, or got another staff member.</summary>
public sealed record CounterChanged(DateTimeOffset Ts, CounterStateMessage State) : HallEvent(Ts);

/// <summary>An alert was raised or cleared; also published on <c>hall/{h}/alert</c>.</summary>
public sealed record AlertRaised(DateTimeOffset Ts, AlertMessage Alert) : HallEvent(Ts);

/// <summary>A rating was accepted (好差评); level 1–2 ratings also open a follow-up case.</summary>
public sealed record RatingAccepted(DateTimeOffset Ts, string RatingId, string TicketNo, string Counter, string? StaffId, int Level, string Channel, string? CaseId) : HallEvent(Ts)
{
    /// <summary>Set for the person's one re-rating after rectification: the rating it follows (it opens no case).</summary>
    public string? ReRatingOf { get; init; }

    /// <summary>The village point of the rated service; null at the township hall.</summary>
    public string? Village { get; init; }
}

/// <summary>The rating window of a finished service closed without a rating: recorded as "not rated", never as good.</summary>
public sealed record RatingTimedOut(DateTimeOffset Ts, string TicketNo, string Counter, string? StaffId) : HallEvent(Ts);

/// <summary>
/// A bad-review case (差评回访整改) was opened or took a step. <c>State</c>: open, called-back, rectified, closed,
/// appealed, appeal-accepted. <c>Overdue</c>: a deadline of the step the case waits for has passed.
/// </summary>
public sealed record BadReviewCaseChanged(DateTimeOffset Ts, string CaseId, string TicketNo, string Counter, string? StaffId, string State, bool Overdue) : HallEvent(Ts);

/// <summary>
/// Staff were away from an open counter past the staff-absent threshold (离岗), seen by its camera; recorded for the
/// monthly window report when the absence ends.
/// </summary>
public sealed record AbsenceRecorded(DateTimeOffset Ts, string Counter, string? StaffId, string? StaffName, DateTimeOffset Start, DateTimeOffset End) : HallEvent(Ts);
