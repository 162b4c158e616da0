namespace Hall.CountyHub.Figures;

/// <summary>One hall's line of the 全县总览, every figure in the hall's own day (<see cref="Today"/>).</summary>
public sealed record HallOverview
{
    public required string BoxId { get; init; }

    public required string HallName { get; init; }

    /// <summary>The hall's own day the figures are of (yyyy-MM-dd).</summary>
    public required string Today { get; init; }

    public DateTimeOffset? LastContactAt { get; init; }

    /// <summary>Seconds since the hall's last accepted batch; null when never heard from.</summary>
    public double? SyncAgeSeconds { get; init; }

    /// <summary>Never heard from, or silent longer than Hub:SilentAfter.</summary>
    public bool Silent { get; init; }

    public bool Revoked { get; init; }

    /// <summary>Events the box said it still held after its last batch.</summary>
    public long? Backlog { get; init; }

    public int OpenAlerts { get; init; }

    public int TicketsToday { get; init; }

    public int WaitingNow { get; init; }

    /// <summary>The longest wait of a ticket issued today, in seconds (a ticket still waiting counts its wait so far).</summary>
    public double? LongestWaitSeconds { get; init; }

    public int RatedToday { get; init; }

    public int SatisfiedToday { get; init; }

    /// <summary>满意率: (非常满意 + 满意 + 基本满意) ÷ ratings given, as the box's assessment counts it; null without ratings.</summary>
    public double? SatisfactionToday => RatedToday == 0 ? null : (double)SatisfiedToday / RatedToday;

    public int OpenCases { get; init; }

    public int OverdueCases { get; init; }

    public int InspectionsPassedThisWeek { get; init; }

    public int InspectionsFailedThisWeek { get; init; }

    public int AbsencesToday { get; init; }

    public double AbsenceSecondsToday { get; init; }
}
