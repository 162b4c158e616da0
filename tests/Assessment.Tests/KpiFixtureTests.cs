namespace Hall.Assessment.Tests;

/// <summary>Every KPI of <see cref="HandComputedDay"/>, computed by hand here, against what the box computes.</summary>
public sealed class KpiFixtureTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private readonly AssessmentHall _hall = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(8)));

    public Task InitializeAsync() => HandComputedDay.WriteAsync(_hall);

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    [Fact]
    public void Counter_1_figures_are_the_hand_computed_ones()
    {
        var report = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday));
        var one = report.Counters.Single(c => c.Key == "1");

        // Served: A001, A002, A004, A005 and the transferred B002 = 5.
        Assert.Equal(5, one.Served);

        // Waits 5 + 13 + 24 + 28 + 25 (B002 from its transfer) = 95 min; 95 / 5 = 19 min.
        Assert.Equal(TimeSpan.FromMinutes(19), one.AverageWait);

        // Service 10 + 12 + 8 + 12 + 10 = 52 min; 52 / 5 = 10.4 min.
        Assert.Equal(TimeSpan.FromMinutes(10.4), one.AverageService);
        Assert.Equal(10.4, one.AverageServiceMinutes);

        // A003 过号.
        Assert.Equal(1, one.NoShows);
        Assert.Equal(0, one.Transferred);

        // Ratings: 5 (A001), 4 (A002), 2 (A004), 5 (B002); A005 not rated.
        Assert.Equal((2, 1, 0, 1, 0), (one.Level5, one.Level4, one.Level3, one.Level2, one.Level1));
        Assert.Equal(4, one.Rated);
        Assert.Equal(1, one.NotRated);

        // 满意率 = (2 + 1 + 0) / 4 = 75 %.
        Assert.Equal(0.75, one.SatisfactionRate);
        Assert.Equal(75, one.SatisfactionPercent);

        // A004's case: called back, rectification overdue.
        Assert.Equal((1, 1, 1), (one.BadReviews, one.OpenBadReviews, one.OverdueBadReviews));
        Assert.Equal("1号窗口", one.Name);
    }

    [Fact]
    public void Counter_2_figures_leave_out_the_transfer_and_the_appeal_the_county_accepted()
    {
        var two = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday)).Counters.Single(c => c.Key == "2");

        // Served: B001, B003, B004, A006 = 4; B002 transferred away; B005 过号.
        Assert.Equal(4, two.Served);
        Assert.Equal(1, two.Transferred);
        Assert.Equal(1, two.NoShows);

        // Waits 1 + 20 + 2 + 1 = 24; 24 / 4 = 6 min. Service 20 + 15 + 8 + 9 = 52; 52 / 4 = 13 min.
        Assert.Equal(TimeSpan.FromMinutes(6), two.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes(13), two.AverageService);

        // Ratings: 3 (B001), 1 (B003), 5 (B004); A006's 1 is out (申诉成立). B003's re-rating does not replace its rating.
        Assert.Equal((1, 0, 1, 0, 1), (two.Level5, two.Level4, two.Level3, two.Level2, two.Level1));
        Assert.Equal(1, two.AppealsAccepted);
        Assert.Equal(0, two.NotRated);

        // 满意率 = (1 + 0 + 1) / 3 = 66.67 %.
        Assert.Equal(2.0 / 3, two.SatisfactionRate);
        Assert.Equal(66.67, two.SatisfactionPercent);

        // B003's case is closed: one bad review, none open, none overdue.
        Assert.Equal((1, 0, 0), (two.BadReviews, two.OpenBadReviews, two.OverdueBadReviews));
    }

    [Fact]
    public void Each_staff_member_answers_for_their_own_services()
    {
        var staff = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday)).Staff;
        Assert.Equal(["s1", "s2", "s3"], staff.Select(s => s.Key));

        // 王芳 served everything at counter 1: the same figures as counter 1.
        var wang = staff[0];
        Assert.Equal("王芳", wang.Name);
        Assert.Equal((5, 1, 0.75), (wang.Served, wang.NoShows, wang.SatisfactionRate!.Value));
        Assert.Equal(TimeSpan.FromMinutes(19), wang.AverageWait);

        // 李强: B001 and B003 served, B002 transferred. Waits (1 + 20) / 2 = 10.5; service (20 + 15) / 2 = 17.5.
        // Ratings 3 and 1: 满意率 1 / 2 = 50 %; B003's bad review is closed.
        var li = staff[1];
        Assert.Equal("李强", li.Name);
        Assert.Equal((2, 0, 1), (li.Served, li.NoShows, li.Transferred));
        Assert.Equal(TimeSpan.FromMinutes(10.5), li.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes(17.5), li.AverageService);
        Assert.Equal((0, 0, 1, 0, 1), (li.Level5, li.Level4, li.Level3, li.Level2, li.Level1));
        Assert.Equal(0.5, li.SatisfactionRate);
        Assert.Equal((1, 0), (li.BadReviews, li.OpenBadReviews));

        // 张伟: B004 and A006 served, B005 过号. Waits (2 + 1) / 2 = 1.5; service (8 + 9) / 2 = 8.5.
        // Only B004's 5 counts (A006's appeal accepted): 满意率 1 / 1 = 100 %, no bad review.
        var zhang = staff[2];
        Assert.Equal("张伟", zhang.Name);
        Assert.Equal((2, 1), (zhang.Served, zhang.NoShows));
        Assert.Equal(TimeSpan.FromMinutes(1.5), zhang.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes(8.5), zhang.AverageService);
        Assert.Equal((1, 1.0, 0, 1), (zhang.Rated, zhang.SatisfactionRate!.Value, zhang.BadReviews, zhang.AppealsAccepted));
    }

    [Fact]
    public void The_hall_total_adds_up_the_counters()
    {
        var hall = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday)).Hall;

        // Served 5 + 4 = 9; 过号 1 + 1 = 2; A007 never called is in nothing.
        Assert.Equal((9, 2, 1), (hall.Served, hall.NoShows, hall.Transferred));

        // Waits 95 + 24 = 119 min / 9 = 13.22 → 13.2; service 52 + 52 = 104 / 9 = 11.56 → 11.6.
        Assert.Equal(13.2, hall.AverageWaitMinutes);
        Assert.Equal(11.6, hall.AverageServiceMinutes);

        // Ratings 5,5,5 · 4 · 3 · 2 · 1 = 7 given; satisfied 3 + 1 + 1 = 5; 5 / 7 = 71.43 %. One not rated.
        Assert.Equal((3, 1, 1, 1, 1), (hall.Level5, hall.Level4, hall.Level3, hall.Level2, hall.Level1));
        Assert.Equal(71.43, hall.SatisfactionPercent);
        Assert.Equal(1, hall.NotRated);

        // Bad reviews A004 (open, overdue) and B003 (closed); A006 appeal accepted.
        Assert.Equal((2, 1, 1, 1), (hall.BadReviews, hall.OpenBadReviews, hall.OverdueBadReviews, hall.AppealsAccepted));
    }

    [Fact]
    public void The_bad_reviews_list_their_handling()
    {
        var lines = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday)).BadReviews;
        Assert.Equal(["C-A004", "C-A006", "C-B003"], lines.Select(l => l.CaseId));
        Assert.Equal(("called-back", true), (lines[0].State, lines[0].Overdue));
        Assert.Equal(("appeal-accepted", false), (lines[1].State, lines[1].Overdue));
        Assert.Equal(("closed", 4), (lines[2].State, lines[2].ReRatingLevel!.Value));
        Assert.Equal("李强", lines[2].StaffName);
    }

    [Fact]
    public async Task A_restart_keeps_the_facts()
    {
        var before = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday));
        await _hall.RestartAsync();
        var after = _hall.Service.GetReport(AssessmentPeriod.ForDay(Monday));
        Assert.Equal(before.Counters, after.Counters);
        Assert.Equal(before.Staff, after.Staff);
        Assert.Equal(before.BadReviews, after.BadReviews);
    }

    [Fact]
    public async Task A_month_adds_its_days_and_nothing_of_the_next_month()
    {
        // Tuesday: A001 at counter 1, wait 10, service 10, 基本满意.
        _hall.Day = new DateOnly(2026, 11, 24);
        await _hall.Serve("A001", "1", "s1", "王芳", "09:00", "09:10", "09:20");
        await _hall.Rate("A001", "1", "s1", 3, "09:21");

        // 1 December: another month.
        _hall.Day = new DateOnly(2026, 12, 1);
        await _hall.Serve("A001", "1", "s1", "王芳", "09:00", "09:30", "10:30");
        await _hall.Rate("A001", "1", "s1", 1, "10:31");

        var month = _hall.Service.GetReport(AssessmentPeriod.ForMonth(2026, 11));
        Assert.Equal(("month", "2026-11", new DateOnly(2026, 11, 30)), (month.Period, month.Label, month.To));
        var one = month.Counters.Single(c => c.Key == "1");

        // Served 5 + 1 = 6. Waits 95 + 10 = 105 / 6 = 17.5. Service 52 + 10 = 62 / 6 = 10.33.
        Assert.Equal(6, one.Served);
        Assert.Equal(TimeSpan.FromMinutes(17.5), one.AverageWait);
        Assert.Equal(10.3, one.AverageServiceMinutes);

        // Ratings 5,5,4,2 + 3: satisfied 4 of 5 = 80 %.
        Assert.Equal((2, 1, 1, 1, 0), (one.Level5, one.Level4, one.Level3, one.Level2, one.Level1));
        Assert.Equal(0.8, one.SatisfactionRate!.Value, 10);
        Assert.Equal(10, month.Hall.Served);

        var tuesday = _hall.Service.GetReport(AssessmentPeriod.ForDay(new DateOnly(2026, 11, 24)));
        Assert.Equal(1, Assert.Single(tuesday.Counters).Served);
    }
}
