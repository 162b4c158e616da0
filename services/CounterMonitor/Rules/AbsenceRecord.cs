namespace Hall.CounterMonitor.Rules;

/// <summary>
/// One absence from a counter that lasted past the staff-absent threshold (离岗记录), for the monthly window report.
/// It starts when the counting started (away, open, not paused, in hours) and ends at the return or when counting stopped.
/// </summary>
public sealed record AbsenceRecord(string Counter, string? StaffId, string? StaffName, DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;
}
