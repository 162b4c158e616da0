namespace Hall.Evaluation;

/// <summary>A service whose rating window closed without a rating (outbox type RatingTimedOut): "not rated", never a good rating.</summary>
public sealed record NotRatedRecord
{
    public required DateTimeOffset Ts { get; init; }

    public required string ServiceId { get; init; }

    public required string TicketNo { get; init; }

    public required string Counter { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public string? ServiceItem { get; init; }

    public string? CaseNumber { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public string Result { get; init; } = "not-rated";

    /// <summary>The village point (村级代办点) of the service; null at the township hall.</summary>
    public string? Village { get; init; }
}
