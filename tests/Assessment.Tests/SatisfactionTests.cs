namespace Hall.Assessment.Tests;

/// <summary>满意率 as the national rules define it: satisfied ratings over ratings given, "not rated" left out.</summary>
public sealed class SatisfactionTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public void Not_rated_services_are_neither_satisfied_nor_in_the_denominator()
    {
        // 3 rated 非常满意, 5 not rated: 3 / 3 = 100 %, not 3 / 8.
        var facts = Enumerable.Range(1, 3).Select(i => Served(i, level: 5))
            .Concat(Enumerable.Range(4, 5).Select(i => Served(i, level: null) with { NotRated = true }))
            .ToList();
        var row = KpiCalculator.Compute("1", "1号窗口", facts);
        Assert.Equal((8, 3, 5), (row.Served, row.Rated, row.NotRated));
        Assert.Equal(1.0, row.SatisfactionRate);
    }

    [Fact]
    public void Basically_satisfied_counts_as_satisfied_and_dissatisfied_does_not()
    {
        // 基本满意 3 + 不满意 2 + 非常不满意 1: 1 / 3.
        var row = KpiCalculator.Compute("1", "1号窗口", [Served(1, 3), Served(2, 2), Served(3, 1)]);
        Assert.Equal(1, row.Satisfied);
        Assert.Equal(1.0 / 3, row.SatisfactionRate);
        Assert.Equal(33.33, row.SatisfactionPercent);
    }

    [Fact]
    public void Nobody_rated_gives_no_rate_rather_than_zero_or_full_marks()
    {
        var row = KpiCalculator.Compute("1", "1号窗口", [Served(1, null) with { NotRated = true }]);
        Assert.Null(row.SatisfactionRate);
        Assert.Null(row.SatisfactionPercent);
    }

    private static ServiceFact Served(int n, int? level) => new()
    {
        Day = Day,
        TicketNo = $"A{n:000}",
        Counter = "1",
        StaffId = "s1",
        Outcome = ServiceOutcome.Served,
        RatingLevel = level,
    };
}
