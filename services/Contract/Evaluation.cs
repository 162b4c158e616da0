namespace Hall.Contract;

/// <summary>
/// <c>hall/{h}/counter/{c}/evaluate</c>: the box asks the counter's evaluator (and the tablet page)
/// to collect a rating for the service that just finished.
/// </summary>
public sealed record EvaluateMessage
{
    public required DateTimeOffset Ts { get; init; }

    public required string TicketNo { get; init; }

    public required string Counter { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public string? ServiceItem { get; init; }

    public string? ServiceItemName { get; init; }

    /// <summary>Until when a rating is accepted; the evaluator goes dark then.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>False when the rating window closed (rated or timed out): the evaluator goes dark.</summary>
    public bool Active { get; init; } = true;
}

/// <summary><c>req/rating</c> from an evaluator (or the tablet / QR pages through the same path).</summary>
public sealed record RatingRequest
{
    public string? RequestId { get; init; }

    public DateTimeOffset? Ts { get; init; }

    public string? TicketNo { get; init; }

    /// <summary>5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.</summary>
    public int? Level { get; init; }

    /// <summary>Reason codes from the hall's list; required for levels 1–2.</summary>
    public IReadOnlyList<string>? Reasons { get; init; }

    public string? Comment { get; init; }

    /// <summary>Only where the hall runs real-name rating (Evaluation:RealNameRating); shown masked everywhere.</summary>
    public string? PersonName { get; init; }

    /// <summary>Only where the hall runs real-name rating; kept on the box for the call-back, shown masked everywhere.</summary>
    public string? PersonPhone { get; init; }
}

/// <summary>The answer to <c>req/rating</c>: the accepted rating.</summary>
public sealed record RatingReply
{
    public string? RequestId { get; init; }

    public required DateTimeOffset Ts { get; init; }

    public required string RatingId { get; init; }

    public required string TicketNo { get; init; }

    public required int Level { get; init; }

    public required string Channel { get; init; }

    /// <summary>Set when a level 1–2 rating opened a follow-up case (差评回访整改).</summary>
    public string? CaseId { get; init; }
}
