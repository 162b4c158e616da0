using Hall.Evaluation.Domain;
using Hall.Evaluation.Persistence;

namespace Hall.Evaluation.Tests;

/// <summary>Working-day deadlines across National Day 2026, with the adjusted working weekend days (调休), computed by hand.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // 国务院办公厅 2025-11-04: 中秋 09-25..27, 国庆 10-01..07; worked instead: Sunday 09-20 and Saturday 10-10.
    private static readonly DateOnly[] Holidays = [.. Days(new DateOnly(2026, 9, 25), 3), .. Days(new DateOnly(2026, 10, 1), 7)];
    private static readonly DateOnly[] Worked = [new(2026, 9, 20), new(2026, 10, 10)];

    private static readonly WorkingCalendar China2026 = new(Holidays, Worked);

    [Fact]
    public void One_working_day_from_the_eve_of_national_day_is_the_first_day_after_the_holiday()
    {
        // Wed 09-30 opened; 10-01..10-07 holidays (Thu..Wed); Thu 10-08 is the first working day.
        Assert.Equal(new DateOnly(2026, 10, 8), China2026.AddWorkingDays(new DateOnly(2026, 9, 30), 1));
    }

    [Fact]
    public void Fifteen_working_days_count_the_adjusted_saturday_as_a_working_day()
    {
        // 1 Thu 10-08, 2 Fri 10-09, 3 Sat 10-10 (调休上班), 4..8 Mon 10-12..Fri 10-16, 9..13 Mon 10-19..Fri 10-23, 14 Mon 10-26, 15 Tue 10-27.
        Assert.Equal(new DateOnly(2026, 10, 27), China2026.AddWorkingDays(new DateOnly(2026, 9, 30), 15));

        // Without the adjusted Saturday the same count ends a day later.
        var withoutAdjusted = new WorkingCalendar(Holidays, []);
        Assert.Equal(new DateOnly(2026, 10, 28), withoutAdjusted.AddWorkingDays(new DateOnly(2026, 9, 30), 15));
    }

    [Fact]
    public void Adjusted_weekend_days_work_and_weekday_holidays_do_not()
    {
        Assert.True(China2026.IsWorkingDay(new DateOnly(2026, 9, 20)));   // Sunday, worked
        Assert.True(China2026.IsWorkingDay(new DateOnly(2026, 10, 10)));  // Saturday, worked
        Assert.False(China2026.IsWorkingDay(new DateOnly(2026, 10, 1)));  // Thursday, National Day
        Assert.False(China2026.IsWorkingDay(new DateOnly(2026, 9, 25)));  // Friday, Mid-Autumn
        Assert.False(China2026.IsWorkingDay(new DateOnly(2026, 10, 11))); // an ordinary Sunday
        Assert.True(China2026.IsWorkingDay(new DateOnly(2026, 9, 29)));   // an ordinary Tuesday
    }

    [Fact]
    public void The_day_of_opening_never_counts_even_on_a_holiday()
    {
        Assert.Equal(new DateOnly(2026, 10, 8), China2026.AddWorkingDays(new DateOnly(2026, 10, 3), 1));
        Assert.Equal(new DateOnly(2026, 10, 9), China2026.AddWorkingDays(new DateOnly(2026, 10, 8), 1));
    }

    [Fact]
    public void A_deadline_is_the_end_of_the_due_day_in_hall_time()
    {
        var opened = new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)), China2026.Deadline(opened, 1, Shanghai));

        // 23:30 UTC on 09-29 is already 07:30 on 09-30 in the hall: the hall's day decides.
        var earlyMorning = new DateTimeOffset(2026, 9, 29, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)), China2026.Deadline(earlyMorning, 1, Shanghai));
    }

    [Fact]
    public void The_seeded_calendar_holds_the_2026_holidays_and_adjusted_days()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = new EvaluationMigrations().Migrations.First().Sql;
            create.ExecuteNonQuery();
        }

        var seeded = EvaluationStore.LoadCalendar(connection);
        Assert.Equal(33, seeded.HolidayCount);
        Assert.Equal(6, seeded.AdjustedWorkdayCount);
        Assert.Equal(new DateOnly(2026, 10, 27), seeded.AddWorkingDays(new DateOnly(2026, 9, 30), 15));
        Assert.Equal(new DateOnly(2026, 2, 14), seeded.AddWorkingDays(new DateOnly(2026, 2, 13), 1)); // Saturday worked before Spring Festival
        Assert.Equal(new DateOnly(2026, 2, 24), seeded.AddWorkingDays(new DateOnly(2026, 2, 14), 1)); // 02-15..02-23 off
    }

    private static IEnumerable<DateOnly> Days(DateOnly first, int count) => Enumerable.Range(0, count).Select(first.AddDays);
}
