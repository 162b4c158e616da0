namespace Hall.Assessment;

/// <summary>
/// The window-assessment figures of one counter, one staff member or the whole hall over a day or a month.
/// docs/assessment.md defines each one.
/// </summary>
public sealed record KpiRow
{
    /// <summary>The counter's id, the staff id ("" for services with nobody signed in), or "hall".</summary>
    public required string Key { get; init; }

    public required string Name { get; init; }

    /// <summary>办件量: services finished.</summary>
    public int Served { get; init; }

    /// <summary>过号: called and did not come.</summary>
    public int NoShows { get; init; }

    /// <summary>Sent on to another counter or category (counted as served where they finished).</summary>
    public int Transferred { get; init; }

    /// <summary>Mean of call − start of the wait over the served services; null when none.</summary>
    public TimeSpan? AverageWait { get; init; }

    /// <summary>Mean of finish − call over the served services; null when none.</summary>
    public TimeSpan? AverageService { get; init; }

    public double? AverageWaitMinutes => AverageWait is { } wait ? Math.Round(wait.TotalMinutes, 1) : null;

    public double? AverageServiceMinutes => AverageService is { } service ? Math.Round(service.TotalMinutes, 1) : null;

    /// <summary>非常满意.</summary>
    public int Level5 { get; init; }

    /// <summary>满意.</summary>
    public int Level4 { get; init; }

    /// <summary>基本满意.</summary>
    public int Level3 { get; init; }

    /// <summary>不满意.</summary>
    public int Level2 { get; init; }

    /// <summary>非常不满意.</summary>
    public int Level1 { get; init; }

    /// <summary>Ratings given (levels 1–5; ratings whose appeal the county accepted are left out).</summary>
    public int Rated => Level5 + Level4 + Level3 + Level2 + Level1;

    /// <summary>非常满意 + 满意 + 基本满意.</summary>
    public int Satisfied => Level5 + Level4 + Level3;

    /// <summary>未评价: served, and the rating window closed without a rating. Not in the satisfaction rate.</summary>
    public int NotRated { get; init; }

    /// <summary>满意率 = <see cref="Satisfied"/> ÷ <see cref="Rated"/>, 0–1; null when nobody rated.</summary>
    public double? SatisfactionRate => Rated == 0 ? null : (double)Satisfied / Rated;

    /// <summary>满意率 in percent, two decimals, as printed.</summary>
    public double? SatisfactionPercent => SatisfactionRate is { } rate ? Math.Round(rate * 100, 2) : null;

    /// <summary>差评: ratings of level 1–2 (each opened a follow-up case), appeal-accepted ones left out.</summary>
    public int BadReviews { get; init; }

    /// <summary>Bad reviews whose case is not closed yet.</summary>
    public int OpenBadReviews { get; init; }

    /// <summary>Open bad reviews past their call-back or rectification deadline.</summary>
    public int OverdueBadReviews { get; init; }

    /// <summary>Ratings the county ruled mistaken or malicious on appeal (申诉成立): not counted above.</summary>
    public int AppealsAccepted { get; init; }

    /// <summary>离岗次数: absences from the open counter past the staff-absent threshold, seen by the counter camera.</summary>
    public int Absences { get; init; }

    /// <summary>离岗时长: the minutes of those absences added up (exact durations summed, then one decimal).</summary>
    public double AbsentMinutes { get; init; }
}
