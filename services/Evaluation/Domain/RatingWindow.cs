namespace Hall.Evaluation.Domain;

/// <summary>
/// One finished service that may be rated: opened by <c>finish</c> at a counter, open until <see cref="Until"/>,
/// closed by its one rating or by the timeout.
/// </summary>
public sealed record RatingWindow
{
    /// <summary>The service's id: hall day and ticket number, e.g. 20260930-A012.</summary>
    public required string ServiceId { get; init; }

    public required string TicketNo { get; init; }

    public required string Counter { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public string? ServiceItem { get; init; }

    public string? CaseNumber { get; init; }

    /// <summary>The village point where the service was given (the ticket's); null at the township hall.</summary>
    public string? Village { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required DateTimeOffset Until { get; init; }

    public RatingWindowState State { get; init; }

    public string? RatingId { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>True while a rating is accepted: not rated, not timed out, and <paramref name="now"/> not past <see cref="Until"/>.</summary>
    public bool AcceptsAt(DateTimeOffset now) => State == RatingWindowState.Open && now <= Until;

    /// <summary>True when the window should be closed as "not rated".</summary>
    public bool ExpiredAt(DateTimeOffset now) => State == RatingWindowState.Open && now > Until;
}
