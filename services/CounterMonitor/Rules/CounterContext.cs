namespace Hall.CounterMonitor.Rules;

/// <summary>What the queue says of a counter at the moment a rule is evaluated.</summary>
/// <param name="Status">open, paused or closed.</param>
/// <param name="Waiting">Tickets waiting that this counter may call.</param>
/// <param name="InOpeningHours">The hall-local time is inside the hall's opening hours.</param>
public sealed record CounterContext(string Status, string? StaffId, string? StaffName, string? CounterName, int Waiting, bool InOpeningHours)
{
    public static CounterContext Unknown { get; } = new("closed", null, null, null, 0, false);

    public bool IsOpen => Status == "open";
}
