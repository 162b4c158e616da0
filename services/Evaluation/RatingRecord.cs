namespace Hall.Evaluation;

/// <summary>
/// A rating as reported to the county hub (outbox type RatingAccepted): what the national 好差评 system needs.
/// The person's name and phone only masked; the staff member's id and name in clear (they serve in public).
/// </summary>
public sealed record RatingRecord
{
    public required DateTimeOffset Ts { get; init; }

    public required string RatingId { get; init; }

    public required string ServiceId { get; init; }

    public required string TicketNo { get; init; }

    public required string Counter { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public string? ServiceItem { get; init; }

    public string? ServiceItemName { get; init; }

    public string? Department { get; init; }

    /// <summary>办件编号.</summary>
    public string? CaseNumber { get; init; }

    public required int Level { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>With long digit runs masked.</summary>
    public string? Comment { get; init; }

    public required string Channel { get; init; }

    /// <summary>Set for a staff entry: the staff member who entered the rating on the person's behalf.</summary>
    public string? OnBehalfBy { get; init; }

    public string? PersonName { get; init; }

    public string? PersonPhone { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The bad-review case this rating opened.</summary>
    public string? CaseId { get; init; }

    /// <summary>Set for the one re-rating after rectification: the rating it follows.</summary>
    public string? ReRatingOf { get; init; }

    /// <summary>The village point (村级代办点) of the service; null at the township hall.</summary>
    public string? Village { get; init; }
}
