namespace Hall.Assessment;

/// <summary>The window assessment of one day or month: the hall, each counter, each staff member, and the bad reviews.</summary>
public sealed record AssessmentReport
{
    public required string HallName { get; init; }

    /// <summary>day or month.</summary>
    public required string Period { get; init; }

    /// <summary>2026-11-23 or 2026-11.</summary>
    public required string Label { get; init; }

    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required KpiRow Hall { get; init; }

    public required IReadOnlyList<KpiRow> Counters { get; init; }

    public required IReadOnlyList<KpiRow> Staff { get; init; }

    public required IReadOnlyList<BadReviewLine> BadReviews { get; init; }

    /// <summary>Built from the facts of the period, which the caller has selected, with no absences.</summary>
    public static AssessmentReport Build(string hallName, AssessmentPeriod period, DateTimeOffset now, IReadOnlyList<ServiceFact> facts) =>
        Build(hallName, period, now, facts, []);

    /// <summary>Built from the facts and the absences of the period, which the caller has selected.</summary>
    public static AssessmentReport Build(string hallName, AssessmentPeriod period, DateTimeOffset now, IReadOnlyList<ServiceFact> facts, IReadOnlyList<AbsenceFact> absences)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(absences);
        return new AssessmentReport
        {
            HallName = hallName,
            Period = period.Kind,
            Label = period.Label,
            From = period.From,
            To = period.To,
            GeneratedAt = now,
            Hall = KpiCalculator.Hall(facts, absences),
            Counters = KpiCalculator.ByCounter(facts, absences),
            Staff = KpiCalculator.ByStaff(facts, absences),
            BadReviews = facts
                .Where(f => f.CaseId is not null && f.RatingLevel is { } level && level <= 2)
                .OrderBy(f => f.Day).ThenBy(f => f.CaseId, StringComparer.Ordinal)
                .Select(f => new BadReviewLine
                {
                    CaseId = f.CaseId!,
                    Day = f.Day,
                    TicketNo = f.TicketNo,
                    Counter = f.Counter ?? "",
                    CounterName = f.CounterName,
                    StaffId = f.StaffId,
                    StaffName = f.StaffName,
                    Level = f.RatingLevel!.Value,
                    State = f.CaseState ?? "open",
                    Overdue = f.CaseOverdue && f.CaseState is not ("closed" or "appeal-accepted"),
                    ReRatingLevel = f.ReRatingLevel,
                })
                .ToList(),
        };
    }
}
