namespace Hall.CounterMonitor.Rules;

/// <summary>When the waiting area counts as crowded (settings CounterMonitor:Crowding*).</summary>
/// <param name="Faces">Faces counted by the waiting-area cameras at or above which the hall is crowded.</param>
/// <param name="WaitingPerOpenCounter">Waiting tickets per open counter at or above which the hall is crowded.</param>
/// <param name="After">Either must hold this long before the alert (and be gone this long before it clears).</param>
public sealed record CrowdingRules(int Faces, double WaitingPerOpenCounter, TimeSpan After)
{
    public static CrowdingRules Default { get; } = new(25, 8, TimeSpan.FromMinutes(2));
}
