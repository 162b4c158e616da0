using Hall.CountyHub.Figures;

namespace Hall.CountyHub.Tests;

/// <summary>The plain rules behind the figure pages: percentile, 环比, ranking, and the words of the county report.</summary>
public sealed class FigureRulesTests
{
    [Fact]
    public void The_P90_is_the_nearest_rank_of_all_waits_added_from_parts()
    {
        var a = new FigureParts();
        var b = new FigureParts();

        // Ten waits of 1..10 minutes over two halls: the 9th of 10 is 9 minutes; a negative wait is no wait.
        for (var m = 1; m <= 10; m++)
        {
            (m % 2 == 0 ? a : b).AddServices(m * 60, 1, m * 60, m * 60, 1, 300);
        }

        b.AddServices(-1, 1, -5, -5, 1, 300);
        var county = new FigureParts();
        county.Add(a);
        county.Add(b);
        var row = county.ToRow("county", "全县合计", "2026-11");

        Assert.Equal(540L, county.P90WaitSecond());
        Assert.Equal(9, row.P90WaitMinutes);
        Assert.Equal(10, row.LongestWaitMinutes);
        Assert.Equal(5.5, row.AverageWaitMinutes);
        Assert.Equal(11L, row.Served);
    }

    [Fact]
    public void Nobody_rated_is_no_satisfaction_rate_and_no_change_is_invented()
    {
        var none = new FigureParts().ToRow("east", "东岭镇便民服务中心", "2026-11");
        var some = new FigureParts();
        some.AddRatings("rated", 5, "", 3, 0, 0);
        some.AddRatings("rated", 2, "open", 1, 0, 0);
        var rated = some.ToRow("east", "东岭镇便民服务中心", "2026-12");

        Assert.Null(none.SatisfactionPercent);
        Assert.Null(none.OnTimePercent);
        var changes = MonthOnMonth.Compare(rated, none);
        Assert.Null(changes.Single(c => c.Name == "满意率").Change);
        Assert.Null(changes.Single(c => c.Name == "办件量").Change);
        Assert.Equal(75, rated.SatisfactionPercent);
    }

    [Fact]
    public void Equal_values_share_a_rank_and_a_hall_without_the_figure_is_last_unranked()
    {
        static FigureRow Hall(string box, int good, int bad)
        {
            var parts = new FigureParts();
            parts.AddRatings("rated", 5, "", good, 0, 0);
            parts.AddRatings("rated", 1, "closed", bad, 0, 0);
            return parts.ToRow(box, box + "镇", "2026-11");
        }

        var ranking = HallRanking.Rank([Hall("a", 9, 1), Hall("b", 1, 0), Hall("c", 2, 0), Hall("d", 0, 0)], HallRanking.Satisfaction);

        Assert.Equal([1, 1, 3, null], ranking.Select(r => r.Rank));
        Assert.Equal(["b", "c", "a", "d"], ranking.Select(r => r.BoxId));
    }

    [Fact]
    public void A_month_nobody_rated_praises_no_satisfaction_and_names_the_silent_hall()
    {
        var served = new FigureParts();
        served.AddServices(300, 10, 3000, 400, 10, 6000);
        served.AddTickets("A", 10, 0);
        var halls = new[] { served.ToRow("east", "东岭镇便民服务中心", "2026-11"), new FigureParts().ToRow("west", "西河乡便民服务中心", "2026-11") };

        var praise = CountyReportBuilder.Praise(halls);
        var notices = CountyReportBuilder.Notices(halls);

        Assert.Equal("本月全县未收到群众评价,不评比满意率。", praise[0]);
        Assert.DoesNotContain(praise, p => p.Contains("100%", StringComparison.Ordinal));
        Assert.Contains("办件量最多:东岭镇便民服务中心,办结 10 件。", praise);
        Assert.Equal(["西河乡便民服务中心:本月无数据上报,请核实边缘盒是否在线、上行是否中断。"], notices);
    }

    [Fact]
    public void Bad_reviews_still_open_are_not_praised_as_handled()
    {
        var open = new FigureParts();
        open.AddRatings("rated", 2, "open", 2, 0, 0);
        var closed = new FigureParts();
        closed.AddRatings("rated", 2, "closed", 2, 0, 0);
        var halls = new[] { open.ToRow("east", "东岭镇便民服务中心", "2026-11"), closed.ToRow("west", "西河乡便民服务中心", "2026-11") };

        Assert.Contains("差评全部按期回访整改办结:西河乡便民服务中心。", CountyReportBuilder.Praise(halls));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("十一月")]
    [InlineData("")]
    public void A_month_that_cannot_be_read_is_refused_with_how_to_write_it(string text)
    {
        Assert.Null(FigurePeriod.ParseMonth(text, out var error));
        Assert.Contains("请写成 2026-11", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_span_must_run_forwards_and_not_too_long()
    {
        Assert.Null(FigurePeriod.ParseRange("2026-11-30", "2026-11-01", out var backwards));
        Assert.Equal("截止日期早于起始日期,请调换后再查。", backwards);
        Assert.Null(FigurePeriod.ParseRange("2020-01-01", "2026-11-01", out var longSpan));
        Assert.Contains("最多查询", longSpan, StringComparison.Ordinal);
        Assert.Equal("2026-11", FigurePeriod.ParseRange("2026-11-01", "2026-11-30", out _)!.Label);
    }
}
