namespace Hall.CountyHub.Figures;

/// <summary>
/// One figure this month beside last month (环比). <see cref="Kind"/>: count and minutes change in percent of last month;
/// percent figures (满意率, 按期处理率) change in percentage points. A side that has no value (nobody rated) leaves the
/// change empty rather than inventing one.
/// </summary>
public sealed record FigureChange(string Name, string Kind, double? Current, double? Previous, double? Change)
{
    public const string Count = "count";
    public const string Minutes = "minutes";
    public const string Percent = "percent";
}
