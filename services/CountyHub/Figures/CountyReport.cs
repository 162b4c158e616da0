namespace Hall.CountyHub.Figures;

/// <summary>
/// 全县月度通报: everything the printable report shows, built by <see cref="CountyReportBuilder"/>. The page
/// (Web/Pages/report.html) only lays it out.
/// </summary>
public sealed record CountyReport
{
    public required string CountyName { get; init; }

    /// <summary>"2026-11".</summary>
    public required string Month { get; init; }

    public required string PreviousMonth { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required FigureRow County { get; init; }

    public required FigureRow PreviousCounty { get; init; }

    public required IReadOnlyList<FigureChange> Changes { get; init; }

    /// <summary>Every hall this month, and the same hall last month (by box id).</summary>
    public required IReadOnlyList<FigureRow> Halls { get; init; }

    public required IReadOnlyList<FigureRow> PreviousHalls { get; init; }

    /// <summary>The county's days of the month, for the trend chart.</summary>
    public required IReadOnlyList<FigureRow> Days { get; init; }

    public required IReadOnlyList<RankedHall> SatisfactionRanking { get; init; }

    public required IReadOnlyList<RankedHall> ServedRanking { get; init; }

    /// <summary>表扬: each line a sentence.</summary>
    public required IReadOnlyList<string> Praise { get; init; }

    /// <summary>通报: each line a sentence; one saying so when there is nothing to report.</summary>
    public required IReadOnlyList<string> Notices { get; init; }

    /// <summary>The county's clock, yyyy-MM-dd HH:mm.</summary>
    public required string GeneratedAt { get; init; }
}
