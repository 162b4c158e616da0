namespace Hall.Assessment;

/// <summary>
/// One absence from an open counter past the staff-absent threshold (离岗), as the counter monitor recorded it
/// (<c>AbsenceRecorded</c>). The absence KPIs are computed from these alone.
/// </summary>
public sealed record AbsenceFact
{
    /// <summary>The hall-local day the absence started: it belongs to that day even if it ended after midnight.</summary>
    public required DateOnly Day { get; init; }

    public required string Counter { get; init; }

    /// <summary>Who was signed in at the counter; null when nobody was (then it counts for the counter and the hall only).</summary>
    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>End − start; never negative.</summary>
    public TimeSpan Duration => End > Start ? End - Start : TimeSpan.Zero;
}
