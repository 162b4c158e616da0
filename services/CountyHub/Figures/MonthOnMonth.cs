namespace Hall.CountyHub.Figures;

/// <summary>环比: the main figures of a month beside the month before. Plain C#.</summary>
public static class MonthOnMonth
{
    public static IReadOnlyList<FigureChange> Compare(FigureRow current, FigureRow previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        return
        [
            Relative("取号量", FigureChange.Count, current.Issued, previous.Issued),
            Relative("办件量", FigureChange.Count, current.Served, previous.Served),
            Relative("平均等候", FigureChange.Minutes, current.AverageWaitMinutes, previous.AverageWaitMinutes),
            Relative("平均办理", FigureChange.Minutes, current.AverageServiceMinutes, previous.AverageServiceMinutes),
            Points("满意率", current.SatisfactionPercent, previous.SatisfactionPercent),
            Relative("差评", FigureChange.Count, current.BadReviews, previous.BadReviews),
            Points("差评按期处理率", current.OnTimePercent, previous.OnTimePercent),
            Relative("离岗次数", FigureChange.Count, current.Absences, previous.Absences),
        ];
    }

    /// <summary>The change in percent of last month's value; none when last month had none (a rise from 0 has no percent).</summary>
    public static FigureChange Relative(string name, string kind, double? current, double? previous) =>
        new(name, kind, current, previous, current is { } c && previous is { } p && p != 0 ? Math.Round(100 * (c - p) / p, 1) : null);

    /// <summary>The change in percentage points.</summary>
    public static FigureChange Points(string name, double? current, double? previous) =>
        new(name, FigureChange.Percent, current, previous, current is { } c && previous is { } p ? Math.Round(c - p, 2) : null);
}
