namespace Hall.CounterMonitor.Rules;

/// <summary>The limits one counter camera is judged by (settings CounterMonitor:*).</summary>
/// <param name="SamplesToFlip">Consecutive samples that must agree before presence flips (hysteresis).</param>
/// <param name="AbsentAfter">Away this long while the counter is open, not paused, in opening hours → staff-absent.</param>
/// <param name="UnattendedAfter">Nobody at an open counter this long while tickets wait for it → counter-unattended.</param>
/// <param name="MaxPeople">People the counter camera may see behind the counter (usually one).</param>
/// <param name="ExtraPeopleAfter">More faces than MaxPeople for this long → extra-people.</param>
public sealed record CounterRules(int SamplesToFlip, TimeSpan AbsentAfter, TimeSpan UnattendedAfter, int MaxPeople, TimeSpan ExtraPeopleAfter)
{
    public static CounterRules Default { get; } = new(3, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60), 1, TimeSpan.FromSeconds(60));
}
