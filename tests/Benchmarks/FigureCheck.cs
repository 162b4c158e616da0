using Hall.CountyHub.Figures;

namespace Hall.Benchmarks;

/// <summary>The figures both sides of a comparison must agree on, rounded as the pages show them.</summary>
internal sealed record FigureCheck(
    long Issued,
    long NoShows,
    long Served,
    double? AverageWait,
    double? P90Wait,
    double? LongestWait,
    double? AverageService,
    long Rated,
    long Satisfied,
    long NotRated,
    long Bad,
    long Open,
    long Overdue,
    long OnTime,
    long Appeals,
    long Absences,
    double AbsentMinutes)
{
    public bool IsEmpty => Issued == 0 && Served == 0 && Rated == 0 && NotRated == 0 && Appeals == 0 && Absences == 0 && NoShows == 0;

    public static FigureCheck Of(FigureRow r) => new(
        r.Issued, r.NoShows, r.Served, r.AverageWaitMinutes, r.P90WaitMinutes, r.LongestWaitMinutes, r.AverageServiceMinutes,
        r.Rated, r.Satisfied, r.NotRated, r.BadReviews, r.OpenBadReviews, r.OverdueBadReviews, r.OnTimeBadReviews, r.AppealsAccepted, r.Absences, r.AbsentMinutes);

    /// <summary>Where the two differ, or null; means may differ in the last digit when summed in another order.</summary>
    public static string? Differ(IReadOnlyDictionary<string, FigureCheck> mine, IReadOnlyDictionary<string, FigureCheck> raw)
    {
        foreach (var key in mine.Keys.Union(raw.Keys).Order(StringComparer.Ordinal))
        {
            var a = mine.GetValueOrDefault(key);
            var b = raw.GetValueOrDefault(key);
            if ((a is null || a.IsEmpty) && (b is null || b.IsEmpty))
            {
                continue;
            }

            if (a is null || b is null)
            {
                return $"{key}: only in {(a is null ? "the raw SQL" : "the hub's query")}";
            }

            if (!Near(a.AverageWait, b.AverageWait) || !Near(a.AverageService, b.AverageService) || !Near(a.AbsentMinutes, b.AbsentMinutes)
                || a with { AverageWait = null, AverageService = null, AbsentMinutes = 0 } != b with { AverageWait = null, AverageService = null, AbsentMinutes = 0 })
            {
                return $"{key}: hub {a} ≠ raw {b}";
            }
        }

        return null;
    }

    public static double? Minutes(double? seconds) => seconds is { } s ? Math.Round(s / 60, 1) : null;

    private static bool Near(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 0.1001;
}
