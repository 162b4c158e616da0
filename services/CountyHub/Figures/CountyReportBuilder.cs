using System.Globalization;

namespace Hall.CountyHub.Figures;

/// <summary>
/// The words of the 全县月度通报 from the month's figures: who is praised (表扬) and who is named (通报), by rules stated
/// in docs/hub.md. Plain C#. Nothing is claimed that the figures do not show: without ratings no hall is praised or
/// named for its 满意率, and a hall that sent nothing is named for that, not ranked.
/// </summary>
public static class CountyReportBuilder
{
    /// <summary>A hall under this 满意率 is named in the report.</summary>
    public const double SatisfactionFloorPercent = 90;

    public static CountyReport Build(string countyName, FigurePeriod month, HallTable current, HallTable previous, IReadOnlyList<FigureRow> days, DateTimeOffset countyNow)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(days);
        var halls = current.Halls;
        return new CountyReport
        {
            CountyName = countyName,
            Month = FigurePeriod.MonthLabel(month.From),
            PreviousMonth = FigurePeriod.MonthLabel(month.PreviousMonth().From),
            From = month.FromText,
            To = month.ToText,
            County = current.County,
            PreviousCounty = previous.County,
            Changes = MonthOnMonth.Compare(current.County, previous.County),
            Halls = halls,
            PreviousHalls = previous.Halls,
            Days = days,
            SatisfactionRanking = HallRanking.Rank(halls, HallRanking.Satisfaction),
            ServedRanking = HallRanking.Rank(halls, HallRanking.Served),
            Praise = Praise(halls),
            Notices = Notices(halls),
            GeneratedAt = countyNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        };
    }

    public static IReadOnlyList<string> Praise(IReadOnlyList<FigureRow> halls)
    {
        ArgumentNullException.ThrowIfNull(halls);
        var lines = new List<string>();
        var rated = halls.Where(h => h.Rated > 0).ToList();
        if (rated.Count == 0)
        {
            lines.Add("本月全县未收到群众评价,不评比满意率。");
        }
        else
        {
            var best = rated.Max(h => h.SatisfactionPercent!.Value);
            var top = rated.Where(h => h.SatisfactionPercent == best).ToList();
            lines.Add($"满意率最高:{Names(top)},满意率 {Percent(best)}(评价 {top.Sum(h => h.Rated)} 条)。");
        }

        var served = halls.Where(h => h.Served > 0).ToList();
        if (served.Count > 0)
        {
            var most = served.Max(h => h.Served);
            lines.Add($"办件量最多:{Names(served.Where(h => h.Served == most))},办结 {most} 件。");
            var waited = served.Where(h => h.AverageWaitMinutes is not null).ToList();
            if (waited.Count > 0)
            {
                var shortest = waited.Min(h => h.AverageWaitMinutes!.Value);
                lines.Add($"平均等候最短:{Names(waited.Where(h => h.AverageWaitMinutes == shortest))},平均等候 {Minutes(shortest)}。");
            }
        }

        // Praised only for what is done: every bad review closed, none of them past a deadline on the way.
        var allOnTime = halls.Where(h => h.BadReviews > 0 && h.OpenBadReviews == 0 && h.OnTimeBadReviews == h.BadReviews).ToList();
        if (allOnTime.Count > 0)
        {
            lines.Add($"差评全部按期回访整改办结:{Names(allOnTime)}。");
        }

        if (served.Count == 0 && rated.Count == 0)
        {
            lines.Add("本月全县无办件记录,无可表扬事项。");
        }

        return lines;
    }

    public static IReadOnlyList<string> Notices(IReadOnlyList<FigureRow> halls)
    {
        ArgumentNullException.ThrowIfNull(halls);
        var lines = new List<string>();
        foreach (var hall in halls)
        {
            if (hall.Issued == 0 && hall.Served == 0 && hall.Rated == 0 && hall.NotRated == 0 && hall.Absences == 0)
            {
                lines.Add($"{hall.HallName}:本月无数据上报,请核实边缘盒是否在线、上行是否中断。");
                continue;
            }

            if (hall.OverdueBadReviews > 0)
            {
                lines.Add($"{hall.HallName}:差评超期未办结 {hall.OverdueBadReviews} 条,请立即回访整改。");
            }

            var late = hall.BadReviews - hall.OnTimeBadReviews;
            if (late > hall.OverdueBadReviews)
            {
                lines.Add($"{hall.HallName}:差评未按期回访整改 {late} 条(差评 {hall.BadReviews} 条,按期处理率 {Percent(hall.OnTimePercent!.Value)})。");
            }

            if (hall.SatisfactionPercent is { } s && s < SatisfactionFloorPercent)
            {
                lines.Add($"{hall.HallName}:满意率 {Percent(s)},低于 {SatisfactionFloorPercent.ToString("0", CultureInfo.InvariantCulture)}%(评价 {hall.Rated} 条,差评 {hall.BadReviews} 条)。");
            }
        }

        if (lines.Count == 0)
        {
            lines.Add("本月无需通报的情况。");
        }

        return lines;
    }

    private static string Names(IEnumerable<FigureRow> halls) => string.Join("、", halls.Select(h => h.HallName));

    private static string Percent(double percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Minutes(double minutes) => minutes.ToString("0.0", CultureInfo.InvariantCulture) + " 分钟";
}
