using System.Globalization;

namespace Hall.Assessment;

/// <summary>
/// The window-assessment KPIs from service facts and absence facts: pure, no I/O. Satisfaction follows 国办发〔2019〕51号 and
/// GB/T 39735-2020 as docs/assessment.md states: (非常满意 + 满意 + 基本满意) ÷ all ratings given; services not rated are
/// counted apart and never as satisfied.
/// </summary>
public static class KpiCalculator
{
    public const string HallKey = "hall";

    private static readonly HashSet<string> ClosedCaseStates = new(StringComparer.Ordinal) { "closed", "appeal-accepted" };

    /// <summary>The figures of one group of facts (a counter's, a staff member's, the hall's), without absences.</summary>
    public static KpiRow Compute(string key, string name, IEnumerable<ServiceFact> facts) => Compute(key, name, facts, []);

    /// <summary>The figures of one group of facts and the same group's absences.</summary>
    public static KpiRow Compute(string key, string name, IEnumerable<ServiceFact> facts, IEnumerable<AbsenceFact> absences)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(absences);
        int served = 0, noShows = 0, transferred = 0, notRated = 0, bad = 0, open = 0, overdue = 0, appeals = 0;
        long waitTicks = 0, serviceTicks = 0;
        int waits = 0, services = 0;
        var levels = new int[6];
        foreach (var fact in facts)
        {
            switch (fact.Outcome)
            {
                case ServiceOutcome.Served:
                    served++;
                    if (fact.CalledAt is { } called)
                    {
                        if (fact.WaitFrom is { } from && called >= from)
                        {
                            waitTicks += (called - from).Ticks;
                            waits++;
                        }

                        if (fact.EndedAt is { } ended && ended >= called)
                        {
                            serviceTicks += (ended - called).Ticks;
                            services++;
                        }
                    }

                    if (fact.NotRated)
                    {
                        notRated++;
                    }

                    break;
                case ServiceOutcome.NoShow:
                    noShows++;
                    break;
                case ServiceOutcome.Transferred:
                    transferred++;
                    break;
            }

            if (fact.RatingLevel is not { } level || level is < 1 or > 5)
            {
                continue;
            }

            // 申诉成立: the county found the rating mistaken or malicious; it does not count against the counter.
            if (fact.CaseState == "appeal-accepted")
            {
                appeals++;
                continue;
            }

            levels[level]++;
            if (level <= 2)
            {
                bad++;
                if (fact.CaseState is null || !ClosedCaseStates.Contains(fact.CaseState))
                {
                    open++;
                    if (fact.CaseOverdue)
                    {
                        overdue++;
                    }
                }
            }
        }

        int absent = 0;
        long absentTicks = 0;
        foreach (var absence in absences)
        {
            absent++;
            absentTicks += absence.Duration.Ticks;
        }

        return new KpiRow
        {
            Key = key,
            Name = name,
            Served = served,
            NoShows = noShows,
            Transferred = transferred,
            AverageWait = waits == 0 ? null : TimeSpan.FromTicks(waitTicks / waits),
            AverageService = services == 0 ? null : TimeSpan.FromTicks(serviceTicks / services),
            Level5 = levels[5],
            Level4 = levels[4],
            Level3 = levels[3],
            Level2 = levels[2],
            Level1 = levels[1],
            NotRated = notRated,
            BadReviews = bad,
            OpenBadReviews = open,
            OverdueBadReviews = overdue,
            AppealsAccepted = appeals,
            Absences = absent,

            // Summed exactly, rounded once: a month of rounded days would drift.
            AbsentMinutes = Math.Round(TimeSpan.FromTicks(absentTicks).TotalMinutes, 1),
        };
    }

    /// <summary>The whole hall: every service leg that reached a counter.</summary>
    public static KpiRow Hall(IEnumerable<ServiceFact> facts) => Hall(facts, []);

    /// <summary>The whole hall: every service leg that reached a counter, and every absence.</summary>
    public static KpiRow Hall(IEnumerable<ServiceFact> facts, IEnumerable<AbsenceFact> absences) =>
        Compute(HallKey, "全厅", Reached(facts), absences);

    /// <summary>One row per counter, in counter order (3 before 12).</summary>
    public static IReadOnlyList<KpiRow> ByCounter(IEnumerable<ServiceFact> facts) => ByCounter(facts, []);

    /// <summary>One row per counter that served or had an absence, in counter order (3 before 12).</summary>
    public static IReadOnlyList<KpiRow> ByCounter(IEnumerable<ServiceFact> facts, IEnumerable<AbsenceFact> absences)
    {
        ArgumentNullException.ThrowIfNull(absences);
        var served = Reached(facts).ToLookup(f => f.Counter!, StringComparer.Ordinal);
        var away = absences.ToLookup(a => a.Counter, StringComparer.Ordinal);
        return served.Select(g => g.Key).Union(away.Select(g => g.Key), StringComparer.Ordinal)
            .OrderBy(key => key, NaturalOrder.Instance)
            .Select(key => Compute(key, served[key].Select(f => f.CounterName).LastOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? key + "号窗口", served[key], away[key]))
            .ToList();
    }

    /// <summary>One row per staff member (by staff id), services with nobody signed in under "未签到".</summary>
    public static IReadOnlyList<KpiRow> ByStaff(IEnumerable<ServiceFact> facts) => ByStaff(facts, []);

    /// <summary>
    /// One row per staff member (by staff id) who served or was absent, services with nobody signed in under "未签到".
    /// An absence with nobody signed in is nobody's: it counts for its counter and the hall only.
    /// </summary>
    public static IReadOnlyList<KpiRow> ByStaff(IEnumerable<ServiceFact> facts, IEnumerable<AbsenceFact> absences)
    {
        ArgumentNullException.ThrowIfNull(absences);
        var served = Reached(facts).ToLookup(f => f.StaffId ?? "", StringComparer.Ordinal);
        var away = absences.Where(a => !string.IsNullOrEmpty(a.StaffId)).ToLookup(a => a.StaffId!, StringComparer.Ordinal);
        return served.Select(g => g.Key).Union(away.Select(g => g.Key), StringComparer.Ordinal)
            .OrderBy(key => key.Length == 0 ? 1 : 0)
            .ThenBy(key => key, NaturalOrder.Instance)
            .Select(key => Compute(key, key.Length == 0 ? "未签到" : StaffName(served[key], away[key]) ?? key, served[key], away[key]))
            .ToList();
    }

    private static string? StaffName(IEnumerable<ServiceFact> facts, IEnumerable<AbsenceFact> absences) =>
        facts.Select(f => f.StaffName).LastOrDefault(n => !string.IsNullOrWhiteSpace(n))
        ?? absences.Select(a => a.StaffName).LastOrDefault(n => !string.IsNullOrWhiteSpace(n));

    private static IEnumerable<ServiceFact> Reached(IEnumerable<ServiceFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Where(f => f.Counter is not null && f.Outcome != ServiceOutcome.Waiting);
    }

    /// <summary>Counters and staff ids with digits in number order: 2 before 10, S2 before S10.</summary>
    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (px, nx) = Split(x ?? "");
            var (py, ny) = Split(y ?? "");
            var prefix = string.CompareOrdinal(px, py);
            return prefix != 0 ? prefix : nx != ny ? nx.CompareTo(ny) : string.CompareOrdinal(x, y);
        }

        private static (string Prefix, long Number) Split(string text)
        {
            var i = text.Length;
            while (i > 0 && char.IsAsciiDigit(text[i - 1]))
            {
                i--;
            }

            return i < text.Length && text.Length - i <= 18
                ? (text[..i], long.Parse(text.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture))
                : (text, -1);
        }
    }
}
