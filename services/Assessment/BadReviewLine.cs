namespace Hall.Assessment;

/// <summary>One bad review (差评) of the period and where its follow-up (回访整改) stands.</summary>
public sealed record BadReviewLine
{
    public required string CaseId { get; init; }

    public required DateOnly Day { get; init; }

    public required string TicketNo { get; init; }

    public required string Counter { get; init; }

    public string? CounterName { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public required int Level { get; init; }

    /// <summary>open, called-back, rectified, closed, appealed, appeal-accepted.</summary>
    public required string State { get; init; }

    public bool Overdue { get; init; }

    /// <summary>The person's one re-rating after rectification, when given.</summary>
    public int? ReRatingLevel { get; init; }
}
