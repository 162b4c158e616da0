using System.Text;
using System.Text.Json;
using Hall.Contract.Events;

namespace Hall.Assessment.Tests;

/// <summary>
/// 离岗 in the window assessment, worked out by hand. Monday 2026-11-23: 王芳 (s01) serves A001 at counter 1 and is away
/// from it 10:00:00–10:03:00 (3 min) and 14:30:00–14:37:30 (7.5 min); counter 2, nobody signed in, is left
/// 15:00:00–15:04:12 (4.2 min). The first absence is delivered twice. Tuesday: 王芳 is away from counter 1
/// 07:58:00–08:00:20 (2 min 20 s), its start given in UTC (23:58 Monday), and delivered again in the hall's offset.
/// </summary>
public sealed class AbsenceTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly DateOnly Tuesday = new(2026, 11, 24);
    private readonly AssessmentHall _hall = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, China));

    public async Task InitializeAsync()
    {
        await _hall.Serve("A001", "1", "s01", "王芳", "09:00", "09:05", "09:15");
        var first = _hall.Absence("1", "s01", "王芳", "10:00:00", "10:03:00");
        await _hall.Raise(first);
        await _hall.Raise(_hall.Absence("1", "s01", "王芳", "14:30:00", "14:37:30"));
        await _hall.Raise(_hall.Absence("2", null, null, "15:00:00", "15:04:12"));
        await _hall.Raise(first);

        var end = new DateTimeOffset(2026, 11, 24, 8, 0, 20, China);
        await _hall.Raise(new AbsenceRecorded(end, "1", "s01", "王芳", new DateTimeOffset(2026, 11, 23, 23, 58, 0, TimeSpan.Zero), end));
        await _hall.Raise(new AbsenceRecorded(end, "1", "s01", "王芳", new DateTimeOffset(2026, 11, 24, 7, 58, 0, China), end));
    }

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    [Fact]
    public async Task A_day_counts_each_absence_once_for_its_counter_its_staff_member_and_the_hall()
    {
        // Backwards (ends before it starts): refused, changes nothing.
        await _hall.Raise(_hall.Absence("1", "s01", "王芳", "16:00:00", "15:00:00"));
        var day = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday));

        // Counter 1: 3 + 7.5 = 10.5 min in 2 absences (the repeated event counts once); its service is still there.
        var one = day.Counters.Single(c => c.Key == "1");
        Assert.Equal((1, 2, 10.5), (one.Served, one.Absences, one.AbsentMinutes));

        // Counter 2 served nobody but was left 4 min 12 s = 4.2 min: it has a row for that alone.
        var two = day.Counters.Single(c => c.Key == "2");
        Assert.Equal(("2号窗口", 0, 1, 4.2), (two.Name, two.Served, two.Absences, two.AbsentMinutes));

        // Staff: only 王芳. Counter 2's absence had nobody signed in: nobody's, and no "未签到" row.
        var wang = Assert.Single(day.Staff);
        Assert.Equal(("s01", "王芳", 2, 10.5), (wang.Key, wang.Name, wang.Absences, wang.AbsentMinutes));

        // The hall: 3 absences, 3 + 7.5 + 4.2 = 14.7 min.
        Assert.Equal((3, 14.7), (day.Hall.Absences, day.Hall.AbsentMinutes));
    }

    [Fact]
    public void An_absence_belongs_to_the_hall_local_day_it_started()
    {
        // 23:58 UTC Monday is 07:58 Tuesday in the hall: Tuesday's, once, however the start was written.
        var absence = Assert.Single(_hall.Service.GetAbsences(AssessmentPeriod.ForDay(Tuesday)));
        Assert.Equal((Tuesday, China), (absence.Day, absence.Start.Offset));

        // 2 min 20 s = 2.33 → 2.3 min. No service on Tuesday: counter 1 and 王芳 have rows for the absence alone.
        var day = _hall.Service.GetReport(AssessmentPeriod.ForDay(Tuesday));
        var one = Assert.Single(day.Counters);
        Assert.Equal(("1", 0, 1, 2.3), (one.Key, one.Served, one.Absences, one.AbsentMinutes));
        Assert.Equal(("s01", 1, 2.3), (day.Staff.Single().Key, day.Staff.Single().Absences, day.Staff.Single().AbsentMinutes));
    }

    [Fact]
    public void A_month_adds_up_the_exact_durations_of_its_days()
    {
        var month = _hall.Service.GetReport(AssessmentPeriod.ForMonth(2026, 11));

        // Counter 1 and 王芳: 3 + 7.5 + 2.33 = 12.83 → 12.8 min in 3 absences. Counter 2: 1, 4.2.
        Assert.Equal((3, 12.8), (month.Counters[0].Absences, month.Counters[0].AbsentMinutes));
        Assert.Equal((1, 4.2), (month.Counters[1].Absences, month.Counters[1].AbsentMinutes));
        Assert.Equal((3, 12.8), (month.Staff.Single().Absences, month.Staff.Single().AbsentMinutes));

        // The hall: 4 absences, 14.7 + 2.33 = 17.03 → 17.0 min.
        Assert.Equal((4, 17.0), (month.Hall.Absences, month.Hall.AbsentMinutes));
    }

    [Fact]
    public void The_csv_and_the_monthly_report_show_the_absences()
    {
        var month = _hall.Service.GetReport(AssessmentPeriod.ForMonth(2026, 11));
        var days = new[] { Monday, Tuesday }.Select(d => _hall.Service.GetReport(AssessmentPeriod.ForDay(d))).ToList();
        var bytes = AssessmentCsv.Write(month, days);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",超期差评,离岗次数,离岗时长(分钟)", lines[0], StringComparison.Ordinal);

        // Month: counters 1 and 2, then 王芳; Monday the same three; Tuesday counter 1 and 王芳.
        Assert.Equal(1 + 3 + 3 + 2, lines.Length);
        Assert.Equal("2026-11,窗口,1,1号窗口,1,5,10,0,0,0,0,0,0,0,0,0,,0,0,0,3,12.8", lines[1]);
        Assert.Equal("2026-11,窗口,2,2号窗口,0,,,0,0,0,0,0,0,0,0,0,,0,0,0,1,4.2", lines[2]);
        Assert.Equal("2026-11,人员,s01,王芳,1,5,10,0,0,0,0,0,0,0,0,0,,0,0,0,3,12.8", lines[3]);
        Assert.Equal("2026-11-24,窗口,1,1号窗口,0,,,0,0,0,0,0,0,0,0,0,,0,0,0,1,2.3", lines[7]);

        var html = ReportPage.Render(month);
        Assert.Contains("离岗 4 次,共 17.0 分钟。", html, StringComparison.Ordinal);
        Assert.Contains("<th>离岗次数</th><th>离岗时长</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1</td><td>4.2 分钟</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("离岗由窗口摄像头记录", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_absence_sends_its_day_again_and_a_repeated_one_does_not()
    {
        // Wednesday 01:30: Monday and Tuesday have ended. Tuesday had absences only, and is sent all the same.
        _hall.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 1, 30, 0, China));
        Assert.Equal([Monday, Tuesday], await _hall.Service.CloseDaysAsync());
        var rows = _hall.Outbox(AssessmentService.DailyOutboxType).Select(r => JsonDocument.Parse(r).RootElement).ToList();
        Assert.Equal(3 + 2, rows.Count);
        var counter2 = Kpi(rows, "2026-11-23", "counter", "2");
        Assert.Equal((1, 4.2), (counter2.GetProperty("absences").GetInt32(), counter2.GetProperty("absentMinutes").GetDouble()));

        // The same event again (a redelivery): nothing changed, nothing sent.
        await _hall.Raise(_hall.Absence("2", null, null, "15:00:00", "15:04:12"));
        Assert.Empty(await _hall.Service.CloseDaysAsync());

        // A Monday absence that reaches the box only now: Monday goes again as revision 2, counter 2 at 2 absences, 6.2 min.
        await _hall.Raise(_hall.Absence("2", null, null, "16:00:00", "16:02:00"));
        Assert.Equal([Monday], await _hall.Service.CloseDaysAsync());
        var again = _hall.Outbox(AssessmentService.DailyOutboxType).Skip(5).Select(r => JsonDocument.Parse(r).RootElement).ToList();
        Assert.Equal(3, again.Count);
        Assert.All(again, r => Assert.Equal(2, r.GetProperty("revision").GetInt32()));
        counter2 = Kpi(again, "2026-11-23", "counter", "2");
        Assert.Equal((2, 6.2), (counter2.GetProperty("absences").GetInt32(), counter2.GetProperty("absentMinutes").GetDouble()));
    }

    [Fact]
    public void The_calculator_takes_absences_as_plain_records()
    {
        AbsenceFact[] absences =
        [
            new() { Day = Monday, Counter = "2", StaffId = "s05", StaffName = "赵敏", Start = At(9, 0), End = At(9, 6) },
            new() { Day = Monday, Counter = "10", Start = At(10, 0), End = At(10, 3) },
        ];

        // Absence-only rows, counters in number order (2 before 10); the unnamed absence is nobody's.
        Assert.Equal(["2", "10"], KpiCalculator.ByCounter([], absences).Select(c => c.Key));
        var staff = Assert.Single(KpiCalculator.ByStaff([], absences));
        Assert.Equal(("s05", "赵敏", 1, 6.0), (staff.Key, staff.Name, staff.Absences, staff.AbsentMinutes));
        Assert.Equal((2, 9.0), (KpiCalculator.Hall([], absences).Absences, KpiCalculator.Hall([], absences).AbsentMinutes));
    }

    private static DateTimeOffset At(int hour, int minute) => new(Monday.ToDateTime(new TimeOnly(hour, minute)), China);

    private static JsonElement Kpi(IEnumerable<JsonElement> rows, string day, string scope, string key) =>
        rows.Single(r => r.GetProperty("day").GetString() == day && r.GetProperty("scope").GetString() == scope
            && r.GetProperty("kpi").GetProperty("key").GetString() == key).GetProperty("kpi");
}
