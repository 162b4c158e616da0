namespace Hall.Devices.HallSimulator;

/// <summary>One simulated person: arrival, the ticket's promise, and what really happened.</summary>
public sealed class PersonJourney
{
    /// <summary>1, 2, 3… in arrival order.</summary>
    public required int Person { get; init; }

    public required string Category { get; init; }

    public required DateTimeOffset ArrivedAt { get; init; }

    public string? KioskId { get; init; }

    public string? TicketNo { get; internal set; }

    public int? WaitingAhead { get; internal set; }

    public int? EstimatedWaitMinutes { get; internal set; }

    public DateTimeOffset? IssuedAt { get; internal set; }

    /// <summary>The error code when the kiosk was refused a ticket (or the request went unanswered: "timeout").</summary>
    public string? RefusedCode { get; internal set; }

    public DateTimeOffset? CalledAt { get; internal set; }

    public string? Counter { get; internal set; }

    public int Recalls { get; internal set; }

    public DateTimeOffset? FinishedAt { get; internal set; }

    /// <summary>Called but never came (过号).</summary>
    public bool Skipped { get; internal set; }

    /// <summary>Issue → first call; null until called.</summary>
    public TimeSpan? Waited => IssuedAt is { } issued && CalledAt is { } called ? called - issued : null;
}
