using System.Text;
using System.Text.Json;

namespace Hall.Assessment.Tests;

/// <summary>The monthly CSV, the printable 月度通报 and the daily rows for the county hub.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private readonly AssessmentHall _hall = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(8)));

    public Task InitializeAsync() => HandComputedDay.WriteAsync(_hall);

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    [Fact]
    public void The_csv_opens_in_excel_with_chinese_headers_and_a_row_per_counter_and_staff_member()
    {
        var month = _hall.Service.GetReport(AssessmentPeriod.ForMonth(2026, 11));
        var day = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday));
        var bytes = AssessmentCsv.Write(month, [day]);

        // UTF-8 byte-order mark first: without it Excel on Windows reads the Chinese as GBK.
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "日期,类型,编号,名称,办件量,平均等候(分钟),平均办理(分钟),过号,转出,非常满意,满意,基本满意,不满意,非常不满意,评价数,未评价,满意率(%),差评,未办结差评,超期差评,离岗次数,离岗时长(分钟)",
            lines[0]);

        // The month: 2 counters + 3 staff; then the day: the same five again.
        Assert.Equal(1 + 5 + 5, lines.Length);
        Assert.Equal("2026-11,窗口,1,1号窗口,5,19,10.4,1,0,2,1,0,1,0,4,1,75,1,1,1,0,0", lines[1]);
        Assert.Equal("2026-11,人员,s2,李强,2,10.5,17.5,0,1,0,0,1,0,1,2,0,50,1,0,0,0,0", lines[4]);
        Assert.StartsWith("2026-11-23,窗口,1,", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public void The_monthly_report_names_the_hall_the_month_the_star_counters_and_the_bad_reviews()
    {
        var html = ReportPage.Render(_hall.Service.GetReport(AssessmentPeriod.ForMonth(2026, 11)));
        Assert.Contains("示范镇便民服务中心 2026年11月窗口服务月度通报", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4", html, StringComparison.Ordinal);

        // Counter 1 served most (5 to 4); no counter had 100 % (75 % and 66.67 %).
        Assert.Contains("办件量最多的窗口:<span class=\"star\">1号窗口(5 件)", html, StringComparison.Ordinal);
        Assert.Contains("满意率 100% 的窗口:<span class=\"star\">无", html, StringComparison.Ordinal);
        Assert.Contains("已回访,待整改(已超期)", html, StringComparison.Ordinal);
        Assert.Contains("申诉成立,不计差评", html, StringComparison.Ordinal);
        Assert.Contains("<td>王芳(s1)</td>".Replace("<td>", "<td class=\"name\">", StringComparison.Ordinal), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_goes_to_the_outbox_once_it_has_ended_and_again_when_its_figures_change()
    {
        // 18:00 the same day: nothing to send yet.
        Assert.Empty(await _hall.Service.CloseDaysAsync());

        // 00:30 next day: still inside Assessment:DayCloseDelay (1 h), the last rating windows may be open.
        _hall.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 0, 30, 0, TimeSpan.FromHours(8)));
        Assert.Empty(await _hall.Service.CloseDaysAsync());

        _hall.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 1, 30, 0, TimeSpan.FromHours(8)));
        Assert.Equal([Monday], await _hall.Service.CloseDaysAsync());
        var rows = _hall.Outbox(AssessmentService.DailyOutboxType).Select(r => JsonDocument.Parse(r).RootElement).ToList();

        // One row per counter (2) and per staff member (3).
        Assert.Equal(5, rows.Count);
        var counter1 = rows.Single(r => r.GetProperty("scope").GetString() == "counter" && r.GetProperty("kpi").GetProperty("key").GetString() == "1");
        Assert.Equal("2026-11-23", counter1.GetProperty("day").GetString());
        Assert.Equal(1, counter1.GetProperty("revision").GetInt32());
        Assert.Equal(5, counter1.GetProperty("kpi").GetProperty("served").GetInt32());
        Assert.Equal(75, counter1.GetProperty("kpi").GetProperty("satisfactionPercent").GetDouble());

        // Sent once: the next check sends nothing.
        Assert.Empty(await _hall.Service.CloseDaysAsync());

        // Tuesday: A004's case is rectified and closed. Monday's figures change, so Monday goes again as revision 2.
        await _hall.Raise(new Hall.Contract.Events.BadReviewCaseChanged(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8)), "C-A004", "A004", "1", "s1", "closed", false));
        Assert.Equal([Monday], await _hall.Service.CloseDaysAsync());
        var again = _hall.Outbox(AssessmentService.DailyOutboxType).Skip(5).Select(r => JsonDocument.Parse(r).RootElement).ToList();
        Assert.Equal(5, again.Count);
        Assert.All(again, r => Assert.Equal(2, r.GetProperty("revision").GetInt32()));
        Assert.Equal(0, again.First(r => r.GetProperty("kpi").GetProperty("key").GetString() == "1").GetProperty("kpi").GetProperty("openBadReviews").GetInt32());
    }

    [Fact]
    public void Periods_from_the_query_are_checked()
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal("2026-11-23", AssessmentPeriod.Parse(null, null, today, out _)!.Label);
        Assert.Equal("2026-11", AssessmentPeriod.Parse("month", "2026-11-05", today, out _)!.Label);
        Assert.Equal("2026-02", AssessmentPeriod.Parse("month", "2026-02", today, out _)!.Label);
        Assert.Equal(new DateOnly(2026, 2, 28), AssessmentPeriod.Parse("month", "2026-02", today, out _)!.To);
        Assert.Null(AssessmentPeriod.Parse("week", null, today, out var error));
        Assert.Contains("period", error, StringComparison.Ordinal);
        Assert.Null(AssessmentPeriod.Parse("day", "23/11/2026", today, out error));
        Assert.Contains("yyyy-MM-dd", error, StringComparison.Ordinal);
    }
}
