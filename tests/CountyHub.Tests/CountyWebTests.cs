using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Uplink;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CountyHub.Tests;

/// <summary>
/// County staff accounts, sessions and the audit log, and the figures of the overview, the case list and the 云踏勘
/// list, run directly against a hub database filled by the ingest; every test runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class CountyWebTests : IAsyncLifetime
{
    private const string AdminPassword = "county-admin-2026";
    private readonly List<TestBox> _boxes = [];

    // Thursday 3 December 2026, 14:10 in the halls' zone (Asia/Shanghai).
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 6, 10, 0, TimeSpan.Zero));

    protected HubOptions Options { get; } = new() { HashIterations = 1_000 };

    protected HubDatabase Database { get; private set; } = null!;

    private HubAccounts Accounts { get; set; } = null!;

    private HubAudit Audit { get; set; } = null!;

    private BatchIngest Ingest { get; set; } = null!;

    private BoxDirectory Boxes { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await HubMigrator.ApplyAsync(Database, Time.GetUtcNow());
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Audit = new HubAudit(Database, Time);
        Accounts = new HubAccounts(Database, options, Time, new SignInThrottle(options, Time), Audit);
        Boxes = new BoxDirectory(Database, Time);
        Ingest = new BatchIngest(Database, options, Time, new HubClock(Time), new BoxLocks(), new IngestCounters(), NullLogger<BatchIngest>.Instance);
        Assert.True(await Accounts.EnsureBootstrapAdminAsync(AdminPassword));
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
    public async Task Signing_out_ends_the_session_at_the_hub_and_a_copy_of_the_cookie_no_longer_works()
    {
        Assert.False(await Accounts.EnsureBootstrapAdminAsync(AdminPassword));
        Assert.Equal(HubErrorCodes.SignInFailed, (await Accounts.SignInAsync("admin", "not-the-password", "10.0.0.8")).Refusal!.Code);
        Assert.Equal(HubErrorCodes.SignInFailed, (await Accounts.SignInAsync("nobody", AdminPassword, "10.0.0.8")).Refusal!.Code);

        var signedIn = await Accounts.SignInAsync("admin", AdminPassword, "10.0.0.8");
        var admin = await Accounts.SessionAsync(signedIn.Token);
        Assert.Equal(("admin", HubRole.CountyAdmin), (admin!.UserId, admin.Role));

        await Accounts.SignOutAsync(admin, signedIn.Token);
        Assert.Null(await Accounts.SessionAsync(signedIn.Token));
        var entries = await Audit.ListAsync(admin, null, 10);
        Assert.Equal(["退出", "登录", "创建初始管理员"], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task A_session_ends_when_idle_too_long_and_when_its_password_is_reset()
    {
        var first = await Accounts.SignInAsync("admin", AdminPassword, "10.0.0.8");
        Time.Advance(Options.SessionIdle - TimeSpan.FromMinutes(2));
        Assert.NotNull(await Accounts.SessionAsync(first.Token));
        Time.Advance(Options.SessionIdle - TimeSpan.FromMinutes(2));
        Assert.NotNull(await Accounts.SessionAsync(first.Token));
        Time.Advance(Options.SessionIdle + TimeSpan.FromSeconds(1));
        Assert.Null(await Accounts.SessionAsync(first.Token));

        var admin = (await Accounts.SessionAsync((await Accounts.SignInAsync("admin", AdminPassword, "10.0.0.8")).Token))!;
        await Accounts.AddAsync(new NewHubUser("wang.li", "王丽", HubRoles.Supervisor, null, "duban-2026-wl"), admin);
        var wang = await Accounts.SignInAsync("wang.li", "duban-2026-wl", "10.0.0.9");
        Assert.NotNull(await Accounts.SessionAsync(wang.Token));

        await Accounts.UpdateAsync("wang.li", new HubUserUpdate(null, null, null, null, "new-password-2026"), admin);
        Assert.Null(await Accounts.SessionAsync(wang.Token));
        Assert.Equal(HubErrorCodes.SignInFailed, (await Accounts.SignInAsync("wang.li", "duban-2026-wl", "10.0.0.9")).Refusal!.Code);
        Assert.NotNull((await Accounts.SignInAsync("wang.li", "new-password-2026", "10.0.0.9")).Token);
        Assert.Contains(await Audit.ListAsync(admin, null, 10), e => e.Action == "重置密码" && e.Detail.Contains("王丽", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stranger_guessing_the_admin_password_pauses_the_account_only_briefly()
    {
        for (var i = 0; i < Options.MaxAccountFailures; i++)
        {
            Assert.Equal(HubErrorCodes.SignInFailed, (await Accounts.SignInAsync("admin", "guess-" + i, "10.0.0.66")).Refusal!.Code);
        }

        var paused = await Accounts.SignInAsync("admin", AdminPassword, "10.0.0.8");
        Assert.Equal(HubErrorCodes.SignInPaused, paused.Refusal!.Code);
        Assert.Contains("1 分钟", paused.Refusal.Message, StringComparison.Ordinal);

        Time.Advance(Options.AccountLockout);
        Assert.NotNull((await Accounts.SignInAsync("admin", AdminPassword, "10.0.0.8")).Token);
    }

    [Fact]
    public async Task The_last_county_admin_cannot_be_disabled_and_a_township_user_needs_an_enrolled_hall()
    {
        var admin = (await Accounts.SessionAsync((await Accounts.SignInAsync("admin", AdminPassword, "10.0.0.8")).Token))!;
        var self = await Assert.ThrowsAsync<HubException>(() => Accounts.UpdateAsync("admin", new HubUserUpdate(null, null, null, false, null), admin));
        Assert.Equal(ErrorCodes.NotAllowed, self.Code);

        var other = new HubUser("other", "另一位", HubRole.CountyAdmin, null);
        var last = await Assert.ThrowsAsync<HubException>(() => Accounts.UpdateAsync("admin", new HubUserUpdate(null, HubRoles.Supervisor, null, null, null), other));
        Assert.Equal(HubErrorCodes.LastAdmin, last.Code);

        var unknown = await Assert.ThrowsAsync<HubException>(() => Accounts.AddAsync(new NewHubUser("li.town", "李镇", HubRoles.Township, "no-such-town", "township-2026"), admin));
        Assert.Equal(HubErrorCodes.UnknownHall, unknown.Code);
        var weak = await Assert.ThrowsAsync<HubException>(() => Accounts.AddAsync(new NewHubUser("li.town", "李镇", HubRoles.Supervisor, null, "12345678"), admin));
        Assert.Equal(HubErrorCodes.WeakPassword, weak.Code);

        await EnrolledAsync("east-town");
        await Accounts.AddAsync(new NewHubUser("li.town", "李镇", HubRoles.Township, "east-town", "township-2026"), admin);
        var township = (await Accounts.SessionAsync((await Accounts.SignInAsync("li.town", "township-2026", "10.0.0.9")).Token))!;
        Assert.Equal((HubRole.Township, "east-town"), (township.Role, township.BoxId));
        Assert.True(township.CanSee("east-town"));
        Assert.False(township.CanSee("west-town"));
        var exists = await Assert.ThrowsAsync<HubException>(() => Accounts.AddAsync(new NewHubUser("li.town", "李镇", HubRoles.Supervisor, null, "township-2026"), admin));
        Assert.Equal(HubErrorCodes.UserExists, exists.Code);
    }

    [Fact]
    public async Task The_overview_counts_each_hall_in_its_own_day_and_shows_a_hall_never_heard_from()
    {
        var box = await EnrolledAsync("east-town");
        await EnrolledAsync("west-town");
        await SendHallDayAsync(box);

        var admin = new HubUser("admin", "管理员", HubRole.CountyAdmin, null);
        var halls = await new Overview(Database, Microsoft.Extensions.Options.Options.Create(Options), Time).ReadAsync(admin);

        Assert.Equal(["east-town", "west-town"], halls.Select(h => h.BoxId));
        var east = halls[0];
        Assert.Equal(("某某镇便民服务中心", "2026-12-03", false), (east.HallName, east.Today, east.Silent));
        Assert.Equal(4, east.TicketsToday);
        Assert.Equal(2, east.WaitingNow);
        Assert.InRange(east.LongestWaitSeconds!.Value, 3590, 3600);
        Assert.Equal((3, 2), (east.RatedToday, east.SatisfiedToday));
        Assert.Equal((2, 1), (east.OpenCases, east.OverdueCases));
        Assert.Equal(1, east.OpenAlerts);
        Assert.Equal((1, 1), (east.InspectionsPassedThisWeek, east.InspectionsFailedThisWeek));
        Assert.Equal((1, 300.0), (east.AbsencesToday, east.AbsenceSecondsToday));

        var west = halls[1];
        Assert.True(west.Silent);
        Assert.Null(west.SyncAgeSeconds);
        Assert.Equal((0, 0, 0), (west.TicketsToday, west.OpenCases, west.OpenAlerts));

        // Past Hub:SilentAfter the hall that sent is marked silent too; the township user sees its own hall only.
        Time.Advance(Options.SilentAfter + TimeSpan.FromSeconds(1));
        var township = new HubUser("li.town", "李镇", HubRole.Township, "west-town");
        var seen = await new Overview(Database, Microsoft.Extensions.Options.Options.Create(Options), Time).ReadAsync(township);
        Assert.Equal(["west-town"], seen.Select(h => h.BoxId));
        Assert.True((await new Overview(Database, Microsoft.Extensions.Options.Options.Create(Options), Time).ReadAsync(admin))[0].Silent);
    }

    [Fact]
    public async Task The_case_list_filters_by_hall_state_and_overdue_and_keeps_a_township_user_to_its_hall()
    {
        var box = await EnrolledAsync("east-town");
        await EnrolledAsync("west-town");
        await SendHallDayAsync(box);
        var cases = new CaseList(Database, Time);
        var admin = new HubUser("admin", "管理员", HubRole.CountyAdmin, null);

        Assert.Equal(["c1", "c2", "c3"], (await cases.ReadAsync(admin, new CaseFilter(null, null, false))).Select(c => c.CaseId).Order());
        Assert.Equal(["c1", "c3"], (await cases.ReadAsync(admin, new CaseFilter("east-town", "open", false))).Select(c => c.CaseId).Order());
        var overdue = Assert.Single(await cases.ReadAsync(admin, new CaseFilter(null, null, true)));
        Assert.Equal(("c1", true, "某某镇便民服务中心"), (overdue.CaseId, overdue.Overdue, overdue.HallName));
        Assert.Equal(Time.GetUtcNow().AddDays(-1), overdue.CallbackDue);

        var township = new HubUser("li.town", "李镇", HubRole.Township, "west-town");
        Assert.Empty(await cases.ReadAsync(township, new CaseFilter(null, null, false)));
        Assert.Empty(await cases.ReadAsync(township, new CaseFilter("east-town", null, false)));
    }

    [Fact]
    public async Task Inspections_show_whether_the_hub_verified_the_boxs_signature()
    {
        var box = await EnrolledAsync("east-town");
        await SendHallDayAsync(box);
        var list = new InspectionList(Database);
        var admin = new HubUser("admin", "管理员", HubRole.CountyAdmin, null);

        var all = await list.ReadAsync(admin, null, null);
        Assert.Equal(3, all.Count);
        var signed = all.Single(v => v.InspectionId == "i-pass");
        Assert.True(signed.Passed && signed.Verified);
        var forged = all.Single(v => v.InspectionId == "i-fail");
        Assert.False(forged.Passed || forged.Verified);
        Assert.Equal("[\"gate\"]", forged.FailedCheckpoints!.Value.GetRawText());

        var detail = (await list.FindAsync(admin, "east-town", "i-pass"))!;
        Assert.True(detail.PackVerified);
        Assert.Equal("/9j/AA==", detail.Pack!.Value.GetProperty("keyFrames")[0].GetProperty("jpeg").GetString());
        Assert.Null(await list.FindAsync(new HubUser("li.town", "李镇", HubRole.Township, "west-town"), "east-town", "i-pass"));
    }

    protected abstract Task<HubDatabase> CreateDatabaseAsync();

    private async Task<TestBox> EnrolledAsync(string boxId)
    {
        var box = new TestBox(boxId) { Clock = Time.GetUtcNow() };
        _boxes.Add(box);
        await Boxes.EnrollAsync(boxId, box.Key.PublicKey, replace: false);
        return box;
    }

    /// <summary>A morning of one hall, an hour ago, sent in one batch as its uplink would.</summary>
    private async Task SendHallDayAsync(TestBox box)
    {
        var now = Time.GetUtcNow();
        var t0 = now.AddHours(-1);
        var events = new List<(string Type, object Data, DateTimeOffset At)>();
        for (var i = 1; i <= 4; i++)
        {
            var issued = t0.AddSeconds(i);
            events.Add(("TicketIssued", new { ts = issued, ticketNo = $"A{i:000}", category = "A", issuedAt = issued }, issued));
        }

        events.Add(("TicketCalled", new { ts = t0.AddSeconds(60), ticketNo = "A001", category = "A", counter = "1", staffId = "s1" }, t0.AddSeconds(60)));
        events.Add(("TicketFinished", new { ts = t0.AddSeconds(300), calledAt = t0.AddSeconds(60), ticketNo = "A001", category = "A", counter = "1", staffId = "s1" }, t0.AddSeconds(300)));
        events.Add(("TicketCalled", new { ts = t0.AddSeconds(120), ticketNo = "A002", category = "A", counter = "2", staffId = "s2" }, t0.AddSeconds(120)));
        events.Add(("RatingAccepted", new { ratingId = "r1", ticketNo = "A001", counter = "1", level = 5 }, t0.AddSeconds(310)));
        events.Add(("RatingAccepted", new { ratingId = "r2", ticketNo = "A002", counter = "2", level = 4 }, t0.AddSeconds(320)));
        events.Add(("RatingAccepted", new { ratingId = "r3", ticketNo = "A003", counter = "2", level = 2 }, t0.AddSeconds(330)));
        events.Add(("RatingTimedOut", new { serviceId = "svc-9", counter = "1" }, t0.AddSeconds(340)));
        events.Add(("BadReviewCase", new { @case = new { caseId = "c1", ratingId = "r3", level = 2, state = "open", openedAt = now.AddDays(-3), callbackDue = now.AddDays(-1), rectifyDue = now.AddDays(4) }, step = new { action = "open" } }, t0.AddSeconds(331)));
        events.Add(("BadReviewCase", new { @case = new { caseId = "c2", level = 1, state = "closed", openedAt = now.AddDays(-9), callbackDue = now.AddDays(-8), rectifyDue = now.AddDays(-2) }, step = new { action = "close" } }, t0.AddSeconds(332)));
        events.Add(("BadReviewCase", new { @case = new { caseId = "c3", level = 2, state = "called-back", openedAt = now.AddDays(-1), callbackDue = now.AddDays(1), rectifyDue = now.AddDays(6) }, step = new { action = "call-back" } }, t0.AddSeconds(333)));
        events.Add(("AbsenceRecorded", new { counter = "2", staffId = "s2", start = t0.AddSeconds(400), end = t0.AddSeconds(700) }, t0.AddSeconds(700)));
        events.Add(("AlertRaised", new { alert = new { type = "staff-absent", counter = "2", active = true, message = "2号窗口离岗" } }, t0.AddSeconds(500)));
        events.Add(("AlertRaised", new { alert = new { type = "crowding", category = "A", active = true, message = "等候人数过多" } }, t0.AddSeconds(510)));
        events.Add(("AlertRaised", new { alert = new { type = "crowding", category = "A", active = false, message = "已恢复" } }, t0.AddSeconds(520)));
        events.Add(("InspectionVerdict", Signed(box, "i-pass", true, "[]", box.Key), t0.AddSeconds(600)));
        events.Add(("InspectionVerdict", Signed(box, "i-fail", false, "[\"gate\"]", null), t0.AddSeconds(610)));

        // Sunday of last week: not this week's.
        var lastWeek = new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
        events.Add(("InspectionVerdict", Signed(box, "i-old", true, "[]", box.Key), lastWeek));

        var uplink = events.Select((e, i) => TestBox.Event(i + 1, e.Type, e.Data, e.At)).ToList();
        var outcome = await Ingest.IngestAsync(box.Request(box.Batch(1, uplink)), default);
        Assert.True(outcome.Answer is not null, outcome.Refusal?.ToString());
    }

    /// <summary>A verdict's signed evidence pack; <paramref name="signer"/> null: signed by a key the hub does not know.</summary>
    private static object Signed(TestBox box, string inspectionId, bool passed, string failed, Hall.Contract.Identity.BoxKey? signer)
    {
        var pack = $$"""{"inspectionId":"{{inspectionId}}","applicationId":"app-{{inspectionId}}","itemCode":"food-licence","passed":{{(passed ? "true" : "false")}},"failedCheckpoints":{{failed}},"checks":[],"keyFrames":[{"checkpoint":"gate","at":"00:00:03","jpeg":"/9j/AA==","sha256":"x"}],"checkedAt":"2026-12-03T05:20:00Z"}""";
        using var other = new TestBox("forger");
        var signature = (signer ?? other.Key).Sign(pack);
        return new { pack, signature, keyId = "k", algorithm = "ES256", publicKey = box.Key.PublicKey };
    }
}
