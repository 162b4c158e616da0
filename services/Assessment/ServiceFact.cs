namespace Hall.Assessment;

/// <summary>
/// What the assessment knows of one service leg (a ticket at one counter), from the queue's and the evaluation's events.
/// The KPIs are computed from these alone.
/// </summary>
public sealed record ServiceFact
{
    /// <summary>The ticket's hall-local day.</summary>
    public required DateOnly Day { get; init; }

    public required string TicketNo { get; init; }

    public string Category { get; init; } = "";

    public string? Counter { get; init; }

    public string? CounterName { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    /// <summary>When the wait at this counter began: the issue time, or the transfer time for a transferred ticket. Null if unknown.</summary>
    public DateTimeOffset? WaitFrom { get; init; }

    /// <summary>The first call (a recall does not move it).</summary>
    public DateTimeOffset? CalledAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public ServiceOutcome Outcome { get; init; }

    /// <summary>1–5, the service's rating (the first one; a re-rating after rectification is <see cref="ReRatingLevel"/>).</summary>
    public int? RatingLevel { get; init; }

    /// <summary>The rating window closed without a rating (未评价).</summary>
    public bool NotRated { get; init; }

    /// <summary>The bad-review case a level 1–2 rating opened.</summary>
    public string? CaseId { get; init; }

    /// <summary>open, called-back, rectified, closed, appealed, appeal-accepted.</summary>
    public string? CaseState { get; init; }

    public bool CaseOverdue { get; init; }

    public int? ReRatingLevel { get; init; }
}
