using Hall.Contract.Events;
using Hall.Contract.Uplink;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CountyHub.Tests;

/// <summary>
/// The figure queries against a small county a person can add up by hand, stored through the real ingest; every test
/// runs on SQLite and on PostgreSQL (the two subclasses).
/// 东岭镇 (east), November: 3 Nov A001 waits 10 min, served 10, rated 5; A002 waits 20, served 5, rated 2 (case c1, still
/// open, overdue); B001 waits 30, served 10, not rated; B002 called and skipped; one absence of 12 minutes. 4 Nov A001 waits
/// 2, served 15, rated 3. October: 1 Oct A001 waits 4, served 6, rated 5.
/// 西河乡 (west), 3 Nov: A001 waits 5, served 5, rated 4; A002 rated 1, appeal accepted (c2); A003 rated 2, closed on time
/// (c3); A004 rated 2, closed after an overdue call-back (c4).
/// </summary>
public abstract class FigureTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly List<TestBox> _boxes = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 6, 10, 0, 300, TimeSpan.Zero));

    protected HubDatabase Database { get; private set; } = null!;

    private CountyFigures Figures { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await HubMigrator.ApplyAsync(Database, Time.GetUtcNow());
        var ingest = new BatchIngest(Database, Options.Create(new HubOptions()), Time, new HubClock(Time), new BoxLocks(), new IngestCounters(), NullLogger<BatchIngest>.Instance);
        Figures = new CountyFigures(new FigureQueries(Database), Time, Options.Create(new HubOptions()));

        var east = await EnrolledAsync("east");
        var e = new Events();
        Service(e, 3, "A001", "A", "08:30", "08:40", "08:50", level: 5);
        Service(e, 3, "A002", "A", "08:35", "08:55", "09:00", level: 2, caseId: "c1");
        e.Add(At(3, "09:30"), new BadReviewCaseChanged(At(3, "09:30"), "c1", "A002", "1", "S001", "open", true));
        Service(e, 3, "B001", "B", "09:00", "09:30", "09:40", level: null);
        e.Add(At(3, "09:10"), new TicketIssued(At(3, "09:10"), "B002", "B", null, At(3, "09:10")));
        e.Add(At(3, "09:35"), new TicketCalled(At(3, "09:35"), "B002", "B", "2", "2号窗口", false, "S002"));
        e.Add(At(3, "09:37"), new TicketSkipped(At(3, "09:37"), "B002", "B", "2"));
        e.Add(At(3, "12:12"), new AbsenceRecorded(At(3, "12:12"), "2", "S002", "李四", At(3, "12:00"), At(3, "12:12")));
        Service(e, 4, "A001", "A", "08:30", "08:32", "08:47", level: 3);
        Service(e, 1, "A001", "A", "08:30", "08:34", "08:40", level: 5, month: 10);
        await IngestAsync(ingest, east, "东岭镇便民服务中心", e);

        var west = await EnrolledAsync("west");
        var w = new Events();
        Service(w, 3, "A001", "A", "08:30", "08:35", "08:40", level: 4);
        Service(w, 3, "A002", "A", "08:31", "08:36", "08:41", level: 1, caseId: "c2");
        w.Add(At(3, "10:00"), new BadReviewCaseChanged(At(3, "10:00"), "c2", "A002", "1", "S001", "appeal-accepted", false));
        Service(w, 3, "A003", "A", "08:32", "08:37", "08:42", level: 2, caseId: "c3");
        w.Add(At(3, "10:01"), new BadReviewCaseChanged(At(3, "10:01"), "c3", "A003", "1", "S001", "closed", false));
        Service(w, 3, "A004", "A", "08:33", "08:38", "08:43", level: 2, caseId: "c4");
        w.AddRaw(At(3, "16:00"), "BadReviewCase", new
        {
            ts = At(3, "16:00"),
            step = new { action = "close" },
            @case = new { caseId = "c4", ratingId = "r-A004", ticketNo = "A004", counter = "1", level = 2, state = "closed", callbackOverdueAlerted = true, rectifyOverdueAlerted = false },
        });
        await IngestAsync(ingest, west, "西河乡便民服务中心", w);
    }

    public virtual Task DisposeAsync()
    {
        foreach (var box in _boxes)
        {
            box.Dispose();
        }

        Database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_halls_month_adds_up_as_by_hand()
    {
        var table = await Figures.HallsAsync(FigurePeriod.Month(2026, 11), null, default);
        var east = table.Halls.Single(h => h.BoxId == "east");

        Assert.Equal("东岭镇便民服务中心", east.HallName);
        Assert.Equal("2026-11", east.Period);
        Assert.Equal((5L, 4L, 1L), (east.Issued, east.Served, east.NoShows));
        Assert.Equal(3L, east.IssuedByCategory["A"]);
        Assert.Equal(2L, east.IssuedByCategory["B"]);

        // Waits 10, 20, 30 and 2 minutes: mean 15.5, P90 (nearest rank: the 4th of 4) 30, longest 30; service 10, 5, 10, 15.
        Assert.Equal(15.5, east.AverageWaitMinutes);
        Assert.Equal(30, east.P90WaitMinutes);
        Assert.Equal(30, east.LongestWaitMinutes);
        Assert.Equal(10, east.AverageServiceMinutes);

        // Rated 5, 2 and 3: 满意率 counts 5–3 (as the box): 2 of 3. B001 timed out: not rated, not satisfied.
        Assert.Equal((1L, 0L, 1L, 1L, 0L), (east.Level5, east.Level4, east.Level3, east.Level2, east.Level1));
        Assert.Equal(1L, east.NotRated);
        Assert.Equal(66.67, east.SatisfactionPercent);
        Assert.Equal((1L, 1L, 1L, 0L), (east.BadReviews, east.OpenBadReviews, east.OverdueBadReviews, east.OnTimeBadReviews));
        Assert.Equal(0, east.OnTimePercent);
        Assert.Equal((1L, 12.0), (east.Absences, east.AbsentMinutes));
    }

    [Fact]
    public async Task An_accepted_appeal_is_not_a_rating_and_a_case_closed_late_is_not_on_time()
    {
        var west = (await Figures.HallsAsync(FigurePeriod.Month(2026, 11), null, default)).Halls.Single(h => h.BoxId == "west");

        Assert.Equal(1L, west.AppealsAccepted);
        Assert.Equal(3L, west.Rated);
        Assert.Equal(33.33, west.SatisfactionPercent);
        Assert.Equal((2L, 0L, 0L, 1L), (west.BadReviews, west.OpenBadReviews, west.OverdueBadReviews, west.OnTimeBadReviews));
        Assert.Equal(50, west.OnTimePercent);
    }

    [Fact]
    public async Task The_county_adds_every_hall_and_its_P90_is_over_all_waits()
    {
        var county = (await Figures.HallsAsync(FigurePeriod.Month(2026, 11), null, default)).County;

        Assert.Equal(9L, county.Issued);
        Assert.Equal(8L, county.Served);
        Assert.Equal(6L, county.Rated);
        Assert.Equal(50, county.SatisfactionPercent);

        // Waits 2, 5, 5, 5, 5, 10, 20, 30: the 8th of 8 is 30; the mean 10.25 → 10.2 (rounded half to even, as the box).
        Assert.Equal(30, county.P90WaitMinutes);
        Assert.Equal(Math.Round(82 / 8.0, 1), county.AverageWaitMinutes);
    }

    [Fact]
    public async Task A_halls_month_by_day_has_every_day_and_compares_with_last_month()
    {
        var month = await Figures.SeriesAsync("east", FigurePeriod.Month(2026, 11), FigureGrain.Day, default);

        Assert.NotNull(month);
        Assert.Equal(30, month.Series.Count);
        Assert.Equal(3L, month.Series[2].Served);
        Assert.Equal(1L, month.Series[3].Served);
        Assert.Equal(0L, month.Series[4].Served);
        Assert.Null(month.Series[4].SatisfactionPercent);
        Assert.Equal(1L, month.PreviousTotal.Served);
        Assert.Equal("2026-10", month.PreviousPeriod);
        var served = month.Changes.Single(c => c.Name == "办件量");
        Assert.Equal((4.0, 1.0, 300.0), (served.Current, served.Previous, served.Change));
        var satisfaction = month.Changes.Single(c => c.Name == "满意率");
        Assert.Equal(-33.33, satisfaction.Change);
    }

    [Fact]
    public async Task A_year_by_month_and_a_township_sees_only_its_hall()
    {
        var year = await Figures.SeriesAsync("east", FigurePeriod.Year(2026), FigureGrain.Month, default);
        Assert.NotNull(year);
        Assert.Equal(12, year.Series.Count);
        Assert.Equal(1L, year.Series[9].Served);
        Assert.Equal(4L, year.Series[10].Served);

        var own = await Figures.HallsAsync(FigurePeriod.Month(2026, 11), "west", default);
        Assert.Equal(["west"], own.Halls.Select(h => h.BoxId));
        Assert.Null(await Figures.SeriesAsync("nowhere", FigurePeriod.Month(2026, 11), FigureGrain.Day, default));
    }

    [Fact]
    public async Task The_county_report_praises_and_names_by_the_figures()
    {
        var report = await Figures.ReportAsync("示范县", FigurePeriod.Month(2026, 11), null, default);

        Assert.Equal("2026-10", report.PreviousMonth);
        Assert.Equal(30, report.Days.Count);
        Assert.Equal(["east", "west"], report.SatisfactionRanking.Select(r => r.BoxId));
        Assert.Contains(report.Praise, p => p.StartsWith("满意率最高:东岭镇便民服务中心", StringComparison.Ordinal));
        Assert.Contains(report.Notices, n => n.Contains("东岭镇便民服务中心:差评超期未办结 1 条", StringComparison.Ordinal));
        Assert.Contains(report.Notices, n => n.Contains("西河乡便民服务中心:差评未按期回访整改 1 条", StringComparison.Ordinal));

        // October: only east served, and west sent nothing at all that month.
        var october = await Figures.ReportAsync("示范县", FigurePeriod.Month(2026, 10), null, default);
        Assert.Contains(october.Notices, n => n.StartsWith("西河乡便民服务中心:本月无数据上报", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_csv_opens_in_excel_with_chinese_and_numbers_as_numbers()
    {
        var table = await Figures.HallsAsync(FigurePeriod.Month(2026, 11), null, default);
        var bytes = FiguresCsv.Write([.. table.Halls, table.County]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.StartsWith("期间,编号,名称,取号量,办件量", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("取号量(A类),取号量(B类)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2026-11,east,东岭镇便民服务中心,5,4,1,15.5,30,30,10,1,0,1,1,0,3,1,66.67,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",3,2", lines[1], StringComparison.Ordinal);
    }

    protected abstract Task<HubDatabase> CreateDatabaseAsync();

    private static DateTimeOffset At(int day, string time, int month = 11) =>
        new DateTimeOffset(2026, month, day, 0, 0, 0, China).Add(TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A ticket issued, called at counter 1, finished, then rated (or timed out when <paramref name="level"/> is null).</summary>
    private static void Service(Events e, int day, string no, string category, string issued, string called, string finished, int? level, string? caseId = null, int month = 11)
    {
        var i = At(day, issued, month);
        var c = At(day, called, month);
        var f = At(day, finished, month);
        e.Add(i, new TicketIssued(i, no, category, null, i));
        e.Add(c, new TicketCalled(c, no, category, "1", "1号窗口", false, "S001"));
        e.Add(f, new TicketFinished(f, no, category, "1", "S001", c) { StaffName = "张三" });
        if (level is { } l)
        {
            e.Add(f.AddSeconds(20), new RatingAccepted(f.AddSeconds(20), "r-" + no + "-" + day, no, "1", "S001", l, "evaluator", caseId));
        }
        else
        {
            e.Add(f.AddMinutes(2), new RatingTimedOut(f.AddMinutes(2), no, "1", "S001"));
        }
    }

    private async Task<TestBox> EnrolledAsync(string boxId)
    {
        var box = new TestBox(boxId);
        _boxes.Add(box);
        await new BoxDirectory(Database, Time).EnrollAsync(boxId, box.Key.PublicKey, replace: false, default);
        return box;
    }

    private static async Task IngestAsync(BatchIngest ingest, TestBox box, string hallName, Events events)
    {
        var batch = box.Batch(1, events.List) with { HallName = hallName };
        var outcome = await ingest.IngestAsync(box.Request(batch), default);
        Assert.True(outcome.Answer is not null, outcome.Refusal?.Error.Message);
    }

    /// <summary>A box's outbox in the order its events happened.</summary>
    private sealed class Events
    {
        private readonly List<(DateTimeOffset At, string Type, object Data)> _items = [];

        public IReadOnlyList<UplinkEvent> List =>
            [.. _items.OrderBy(x => x.At).Select((x, i) => TestBox.Event(i + 1, x.Type, x.Data, x.At))];

        public void Add(DateTimeOffset at, HallEvent e) => _items.Add((at, e.GetType().Name, e));

        public void AddRaw(DateTimeOffset at, string type, object data) => _items.Add((at, type, data));
    }
}
