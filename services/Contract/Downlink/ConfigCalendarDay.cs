namespace Hall.Contract.Downlink;

/// <summary>A holiday (<see cref="ConfigCalendarDay.Holiday"/>) or a weekend day worked instead (调休, <see cref="ConfigCalendarDay.Workday"/>).</summary>
public sealed record ConfigCalendarDay(DateOnly Date, string Kind, string Name)
{
    public const string Holiday = "holiday";
    public const string Workday = "workday";
}
