namespace Hall.CountyHub.Figures;

/// <summary>
/// The figures of one hall (or the county, <see cref="FigureParts.CountyKey"/>) over one period: a day, a month or a
/// span. docs/hub.md ("数据与月度通报") defines each one and says where it differs from the box's own assessment.
/// </summary>
public sealed record FigureRow
{
    public required string BoxId { get; init; }

    public required string HallName { get; init; }

    /// <summary>The hall day (2026-11-03), the month (2026-11) or the span's label.</summary>
    public required string Period { get; init; }

    /// <summary>取号量: tickets issued, and per category code.</summary>
    public long Issued { get; init; }

    public IReadOnlyDictionary<string, long> IssuedByCategory { get; init; } = new Dictionary<string, long>();

    /// <summary>办件量: services finished at a counter.</summary>
    public long Served { get; init; }

    /// <summary>过号: called and did not come.</summary>
    public long NoShows { get; init; }

    /// <summary>Mean, 90th percentile (nearest rank, whole seconds) and longest wait, in minutes; null when no wait is known.</summary>
    public double? AverageWaitMinutes { get; init; }

    public double? P90WaitMinutes { get; init; }

    public double? LongestWaitMinutes { get; init; }

    /// <summary>Mean time at the counter (finish − call), in minutes.</summary>
    public double? AverageServiceMinutes { get; init; }

    public long Level5 { get; init; }

    public long Level4 { get; init; }

    public long Level3 { get; init; }

    public long Level2 { get; init; }

    public long Level1 { get; init; }

    public long Rated => Level5 + Level4 + Level3 + Level2 + Level1;

    /// <summary>非常满意 + 满意 + 基本满意, as the box counts it.</summary>
    public long Satisfied => Level5 + Level4 + Level3;

    /// <summary>未评价: the rating window closed without a rating; never counted as satisfied.</summary>
    public long NotRated { get; init; }

    /// <summary>满意率 in percent, two decimals; null when nobody rated (shown as 无评价, never as 100% or 0%).</summary>
    public double? SatisfactionPercent => Rated == 0 ? null : Math.Round(100.0 * Satisfied / Rated, 2);

    /// <summary>差评: ratings of level 1–2, appeal-accepted ones left out.</summary>
    public long BadReviews { get; init; }

    /// <summary>Bad reviews whose case is not closed.</summary>
    public long OpenBadReviews { get; init; }

    /// <summary>Open bad reviews past a deadline now.</summary>
    public long OverdueBadReviews { get; init; }

    /// <summary>Bad reviews whose case never went past a deadline (so far): the on-time ones.</summary>
    public long OnTimeBadReviews { get; init; }

    /// <summary>按期处理率 in percent; null when there was no bad review.</summary>
    public double? OnTimePercent => BadReviews == 0 ? null : Math.Round(100.0 * OnTimeBadReviews / BadReviews, 2);

    /// <summary>申诉成立: not counted as ratings.</summary>
    public long AppealsAccepted { get; init; }

    /// <summary>离岗次数 and their minutes added up.</summary>
    public long Absences { get; init; }

    public double AbsentMinutes { get; init; }
}
