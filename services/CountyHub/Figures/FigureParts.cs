namespace Hall.CountyHub.Figures;

/// <summary>
/// What the queries read for one hall and period, kept as sums and a histogram of waits in whole seconds, so that parts
/// add up exactly (days into a month, halls into the county) and the 90th percentile of the sum is still exact. Plain
/// C#: the SQL lives in <see cref="FigureQueries"/>.
/// </summary>
public sealed class FigureParts
{
    /// <summary>The box id of the county's own row.</summary>
    public const string CountyKey = "county";

    private readonly SortedDictionary<long, long> _waits = [];
    private readonly SortedDictionary<string, long> _categories = new(StringComparer.Ordinal);
    private readonly long[] _levels = new long[6];

    public long Issued { get; private set; }

    public long NoShows { get; private set; }

    public long Served { get; private set; }

    public long WaitCount { get; private set; }

    public double WaitSeconds { get; private set; }

    public double LongestWaitSeconds { get; private set; } = double.NaN;

    public long ServiceCount { get; private set; }

    public double ServiceSeconds { get; private set; }

    public long NotRated { get; private set; }

    public long BadReviews { get; private set; }

    public long OpenBadReviews { get; private set; }

    public long OverdueBadReviews { get; private set; }

    public long LateBadReviews { get; private set; }

    public long AppealsAccepted { get; private set; }

    public long Absences { get; private set; }

    public double AbsentSeconds { get; private set; }

    public void AddTickets(string? category, long issued, long skipped)
    {
        Issued += issued;
        NoShows += skipped;
        if (issued > 0)
        {
            var code = string.IsNullOrEmpty(category) ? "?" : category;
            _categories[code] = _categories.GetValueOrDefault(code) + issued;
        }
    }

    /// <summary>
    /// Services whose wait fell in one whole second (<paramref name="waitSecond"/>, null when the hub lacks the ticket's
    /// issue). A negative wait (a clock set back between issue and call) is not a wait: those services count as served only,
    /// as the box leaves them out of its mean.
    /// </summary>
    public void AddServices(long? waitSecond, long count, double waitSum, double? waitMax, long serviceCount, double serviceSum)
    {
        Served += count;
        ServiceCount += serviceCount;
        ServiceSeconds += serviceSum;
        if (waitSecond is not { } second || second < 0 || count == 0)
        {
            return;
        }

        _waits[second] = _waits.GetValueOrDefault(second) + count;
        WaitCount += count;
        WaitSeconds += waitSum;
        if (waitMax is { } max && (double.IsNaN(LongestWaitSeconds) || max > LongestWaitSeconds))
        {
            LongestWaitSeconds = max;
        }
    }

    /// <summary>
    /// Ratings of one result and level whose case (if any) is in <paramref name="caseState"/>; of the bad ones,
    /// <paramref name="overdueNow"/> are past a deadline now and <paramref name="late"/> went past one at some point.
    /// </summary>
    public void AddRatings(string result, int? level, string? caseState, long count, long overdueNow, long late)
    {
        if (result == "not-rated")
        {
            NotRated += count;
            return;
        }

        if (result != "rated" || level is not (>= 1 and <= 5) || count == 0)
        {
            return;
        }

        // 申诉成立: the county found the rating mistaken or malicious; it does not count, as on the box.
        if (caseState == "appeal-accepted")
        {
            AppealsAccepted += count;
            return;
        }

        _levels[level.Value] += count;
        if (level <= 2)
        {
            BadReviews += count;
            LateBadReviews += late;
            if (caseState != "closed")
            {
                OpenBadReviews += count;
                OverdueBadReviews += overdueNow;
            }
        }
    }

    public void AddAbsences(long count, double seconds)
    {
        Absences += count;
        AbsentSeconds += seconds;
    }

    public void Add(FigureParts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (code, n) in other._categories)
        {
            _categories[code] = _categories.GetValueOrDefault(code) + n;
        }

        Issued += other.Issued;
        NoShows += other.NoShows;
        Served += other.Served;
        ServiceCount += other.ServiceCount;
        ServiceSeconds += other.ServiceSeconds;
        foreach (var (second, n) in other._waits)
        {
            _waits[second] = _waits.GetValueOrDefault(second) + n;
        }

        WaitCount += other.WaitCount;
        WaitSeconds += other.WaitSeconds;
        if (!double.IsNaN(other.LongestWaitSeconds) && (double.IsNaN(LongestWaitSeconds) || other.LongestWaitSeconds > LongestWaitSeconds))
        {
            LongestWaitSeconds = other.LongestWaitSeconds;
        }

        for (var i = 1; i <= 5; i++)
        {
            _levels[i] += other._levels[i];
        }

        NotRated += other.NotRated;
        BadReviews += other.BadReviews;
        OpenBadReviews += other.OpenBadReviews;
        OverdueBadReviews += other.OverdueBadReviews;
        LateBadReviews += other.LateBadReviews;
        AppealsAccepted += other.AppealsAccepted;
        Absences += other.Absences;
        AbsentSeconds += other.AbsentSeconds;
    }

    /// <summary>The 90th percentile wait in whole seconds, nearest rank (the smallest wait at or below which 90 % fall).</summary>
    public long? P90WaitSecond()
    {
        if (WaitCount == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(0.9 * WaitCount);
        long seen = 0;
        foreach (var (second, n) in _waits)
        {
            seen += n;
            if (seen >= rank)
            {
                return second;
            }
        }

        return _waits.Keys.Last();
    }

    public FigureRow ToRow(string boxId, string hallName, string period) => new()
    {
        BoxId = boxId,
        HallName = hallName,
        Period = period,
        Issued = Issued,
        IssuedByCategory = new Dictionary<string, long>(_categories, StringComparer.Ordinal),
        Served = Served,
        NoShows = NoShows,
        AverageWaitMinutes = WaitCount == 0 ? null : Minutes(WaitSeconds / WaitCount),
        P90WaitMinutes = P90WaitSecond() is { } p90 ? Minutes(p90) : null,
        LongestWaitMinutes = double.IsNaN(LongestWaitSeconds) ? null : Minutes(LongestWaitSeconds),
        AverageServiceMinutes = ServiceCount == 0 ? null : Minutes(ServiceSeconds / ServiceCount),
        Level5 = _levels[5],
        Level4 = _levels[4],
        Level3 = _levels[3],
        Level2 = _levels[2],
        Level1 = _levels[1],
        NotRated = NotRated,
        BadReviews = BadReviews,
        OpenBadReviews = OpenBadReviews,
        OverdueBadReviews = OverdueBadReviews,
        OnTimeBadReviews = BadReviews - LateBadReviews,
        AppealsAccepted = AppealsAccepted,
        Absences = Absences,

        // Summed exactly, rounded once, as the box does.
        AbsentMinutes = Math.Round(AbsentSeconds / 60, 1),
    };

    private static double Minutes(double seconds) => Math.Round(seconds / 60, 1);
}
