namespace Hall.CountyHub.Figures;

/// <summary>
/// 排名: the halls ordered by one figure, best first, equal values sharing a rank (1, 2, 2, 4). A hall without the figure
/// (nobody rated, nobody served) is listed last with no rank, never as best or worst.
/// </summary>
public static class HallRanking
{
    public const string Satisfaction = "satisfaction";
    public const string Served = "served";
    public const string AverageWait = "wait";
    public const string OnTime = "ontime";

    public static IReadOnlyList<string> Metrics { get; } = [Satisfaction, Served, AverageWait, OnTime];

    public static string MetricName(string metric) => metric switch
    {
        Satisfaction => "满意率",
        Served => "办件量",
        AverageWait => "平均等候",
        OnTime => "差评按期处理率",
        _ => metric,
    };

    public static IReadOnlyList<RankedHall> Rank(IEnumerable<FigureRow> halls, string metric)
    {
        ArgumentNullException.ThrowIfNull(halls);
        var lowerIsBetter = metric == AverageWait;
        var valued = halls.Select(h => (Hall: h, Value: Value(h, metric))).ToList();
        var ranked = valued.Where(v => v.Value is not null)
            .OrderBy(v => lowerIsBetter ? v.Value : -v.Value)
            .ThenBy(v => v.Hall.BoxId, StringComparer.Ordinal)
            .ToList();
        var result = new List<RankedHall>();
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].Value == ranked[i - 1].Value ? result[i - 1].Rank : i + 1;
            result.Add(new RankedHall(rank, ranked[i].Hall.BoxId, ranked[i].Hall.HallName, ranked[i].Value));
        }

        result.AddRange(valued.Where(v => v.Value is null).OrderBy(v => v.Hall.BoxId, StringComparer.Ordinal).Select(v => new RankedHall(null, v.Hall.BoxId, v.Hall.HallName, null)));
        return result;
    }

    public static double? Value(FigureRow hall, string metric)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return metric switch
        {
            Satisfaction => hall.SatisfactionPercent,
            Served => hall.Served == 0 ? null : hall.Served,
            AverageWait => hall.AverageWaitMinutes,
            OnTime => hall.OnTimePercent,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown ranking metric"),
        };
    }
}
