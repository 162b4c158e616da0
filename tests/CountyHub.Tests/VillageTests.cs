using Hall.Contract;
using Hall.Contract.Events;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Villages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CountyHub.Tests;

/// <summary>
/// Village points at the hub, stored through the real ingest; every test runs on SQLite and on PostgreSQL.
/// 东岭镇 (east), 3 Nov: its own counter serves A001 (rated 2); the village point v-dz (东庄村) serves A002 (rated 5) and
/// A003 (not rated) and issues A004 (still waiting); a device of v-new, a point the county has not listed, serves A005
/// (rated 4). 西河乡 (west) lists v-xz and has no figures at all.
/// </summary>
public abstract class VillageTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly HubUser Admin = new("admin", "县管理员", HubRole.CountyAdmin, null);
    private readonly List<TestBox> _boxes = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 6, 10, 0, 300, TimeSpan.Zero));

    protected HubDatabase Database { get; private set; } = null!;

    private VillagePointDirectory Points { get; set; } = null!;

    private ConfigVersions Versions { get; set; } = null!;

    private HubAudit Audit { get; set; } = null!;

    private VillageFigures Figures { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await HubMigrator.ApplyAsync(Database, Time.GetUtcNow());
        Versions = new ConfigVersions(Database, Time);
        await Versions.EnsureFirstAsync();
        Points = new VillagePointDirectory(Database, Versions);
        Audit = new HubAudit(Database, Time);
        Figures = new VillageFigures(Database, new FigureQueries(Database), Points);
        var ingest = new BatchIngest(Database, Options.Create(new HubOptions()), Time, new HubClock(Time), new BoxLocks(), new IngestCounters(), NullLogger<BatchIngest>.Instance);

        var east = await EnrolledAsync("east");
        var events = new List<(DateTimeOffset, string, object)>();
        Service(events, "A001", null, "08:30", level: 2);
        Service(events, "A002", "v-dz", "08:40", level: 5);
        Service(events, "A003", "v-dz", "08:50", level: null);
        events.Add((At("09:00"), nameof(TicketIssued), new TicketIssued(At("09:00"), "A004", "A", null, At("09:00")) { Village = "v-dz" }));
        Service(events, "A005", "v-new", "09:10", level: 4);
        var batch = east.Batch(1, [.. events.OrderBy(e => e.Item1).Select((e, i) => TestBox.Event(i + 1, e.Item2, e.Item3, e.Item1))]) with { HallName = "东岭镇便民服务中心" };
        var outcome = await ingest.IngestAsync(east.Request(batch), default);
        Assert.True(outcome.Answer is not null, outcome.Refusal?.Error.Message);

        await EnrolledAsync("west");
        Assert.Null((await Points.SaveAsync("east", "v-dz", "东庄村便民服务代办点", ["A-SB-001", "A-YB-001"], Admin, Audit, default)).Error);
        Assert.Null((await Points.SaveAsync("west", "v-xz", "小张庄代办点", [], Admin, Audit, default)).Error);
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
    public async Task The_county_sees_the_hall_its_own_counters_and_each_village_point_and_they_add_up()
    {
        var levels = await Figures.ReadAsync(FigurePeriod.Month(2026, 11), null, default);
        var east = levels.Halls.Single(h => h.BoxId == "east");
        var dz = east.Villages.Single(v => v.VillageId == "v-dz");
        var unlisted = east.Villages.Single(v => v.VillageId == "v-new");

        Assert.Equal((1L, 1L, 1L, 0.0), (east.Township.Issued, east.Township.Served, east.Township.Rated, east.Township.SatisfactionPercent ?? -1));
        Assert.Equal("东庄村便民服务代办点", dz.Name);
        Assert.Equal(["A-SB-001", "A-YB-001"], dz.Items);
        Assert.Equal((3L, 2L, 1L, 1L), (dz.Figures.Issued, dz.Figures.Served, dz.Figures.Rated, dz.Figures.NotRated));
        Assert.Equal(100.0, dz.Figures.SatisfactionPercent);
        Assert.False(unlisted.Listed);
        Assert.Equal(1L, unlisted.Figures.Rated);

        // The hall is the sum of its own counters and its villages; the county the sum of its halls.
        Assert.Equal((5L, 4L, 3L), (east.Hall.Issued, east.Hall.Served, east.Hall.Rated));
        Assert.Equal(66.67, east.Hall.SatisfactionPercent);
        Assert.Equal((5L, 4L), (levels.County.Issued, levels.County.Served));
        var west = levels.Halls.Single(h => h.BoxId == "west");
        Assert.Equal("小张庄代办点", Assert.Single(west.Villages).Name);
        Assert.Null(west.Villages[0].Figures.SatisfactionPercent);
    }

    [Fact]
    public async Task A_township_view_reads_its_own_hall_only()
    {
        var levels = await Figures.ReadAsync(FigurePeriod.Month(2026, 11), "west", default);

        Assert.Equal(["west"], levels.Halls.Select(h => h.BoxId));
        Assert.Equal(0L, levels.County.Issued);
    }

    [Fact]
    public async Task Each_change_is_a_configuration_version_for_the_hall_a_retired_point_keeps_its_figures_and_all_is_audited()
    {
        Assert.Equal(["v-dz"], await BundledAsync("east"));
        Assert.Equal(["v-xz"], await BundledAsync("west"));

        Time.Advance(TimeSpan.FromMinutes(1));
        var retired = await Points.RetireAsync("east", "v-dz", Admin, Audit, default);
        Assert.Equal(4, retired.Version);
        Assert.Equal(ErrorCodes.UnknownVillage, (await Points.RetireAsync("east", "v-dz", Admin, Audit, default)).Error?.Code);

        Assert.Empty(await BundledAsync("east"));
        Assert.Equal(["v-xz"], await BundledAsync("west"));
        var dz = (await Figures.ReadAsync(FigurePeriod.Month(2026, 11), "east", default)).Halls[0].Villages.Single(v => v.VillageId == "v-dz");
        Assert.False(dz.Active);
        Assert.Equal(2L, dz.Figures.Served);
        var log = await Audit.ListAsync(Admin, "east", 10, default);
        Assert.Equal(["停用村级代办点", "保存村级代办点"], log.Select(e => e.Action));

        // Saved again, it comes back active and in the hall's next version.
        Assert.Null((await Points.SaveAsync("east", "v-dz", "东庄村代办点", [], Admin, Audit, default)).Error);
        Assert.Equal(["v-dz"], await BundledAsync("east"));
    }

    [Fact]
    public async Task An_item_the_countys_catalogue_lacks_is_refused_and_nothing_changes()
    {
        var before = await Versions.LatestNumberAsync();

        var refused = await Points.SaveAsync("east", "v-new", "新村代办点", ["NO-SUCH-ITEM"], Admin, Audit, default);

        Assert.Equal(Hall.Contract.Downlink.DownlinkErrorCodes.Invalid, refused.Error?.Code);
        Assert.Contains("NO-SUCH-ITEM", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Versions.LatestNumberAsync());
        Assert.DoesNotContain(await Points.ListAsync("east", default), p => p.VillageId == "v-new");
        Assert.DoesNotContain(await Audit.ListAsync(Admin, "east", 10, default), e => e.Detail.Contains("v-new", StringComparison.Ordinal));
    }

    [Fact]
    public void What_the_admin_types_is_checked_before_anything_is_stored()
    {
        Assert.Null(VillagePointRules.Check("V DZ", new VillagePointInput { Name = "东庄" }, out var badId));
        Assert.Equal(ErrorCodes.InvalidField, badId!.Code);
        Assert.Null(VillagePointRules.Check("v-dz", new VillagePointInput { Name = "  " }, out var noName));
        Assert.Equal(ErrorCodes.MissingField, noName!.Code);
        Assert.Null(VillagePointRules.Check("v-dz", new VillagePointInput { Name = "东庄", Items = ["A SB"] }, out var badItem));
        Assert.Contains("A SB", badItem!.Message, StringComparison.Ordinal);

        var ok = VillagePointRules.Check("v-dz", new VillagePointInput { Name = " 东庄村代办点 ", Items = ["A-SB-001", "", "A-SB-001", "B-SC-001"] }, out _);
        Assert.Equal("东庄村代办点", ok!.Value.Name);
        Assert.Equal(["A-SB-001", "B-SC-001"], ok.Value.Items);
    }

    protected abstract Task<HubDatabase> CreateDatabaseAsync();

    /// <summary>The village point ids the hall's box gets in the latest county configuration version.</summary>
    private async Task<IReadOnlyList<string>> BundledAsync(string boxId)
    {
        var latest = await Versions.LatestAsync();
        return [.. latest!.Config.BundleFor(boxId, latest.Version, Time.GetUtcNow(), null).VillagePoints.Select(v => v.Id)];
    }

    private static DateTimeOffset At(string time) =>
        new DateTimeOffset(2026, 11, 3, 0, 0, 0, China).Add(TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A ticket issued, called and finished five and ten minutes later, then rated (or timed out), as the box sends them.</summary>
    private static void Service(List<(DateTimeOffset, string, object)> e, string no, string? village, string issued, int? level)
    {
        var i = At(issued);
        var c = i.AddMinutes(5);
        var f = i.AddMinutes(10);
        var counter = village is null ? "1" : "V1";
        e.Add((i, nameof(TicketIssued), new TicketIssued(i, no, "A", null, i) { Village = village }));
        e.Add((c, nameof(TicketCalled), new TicketCalled(c, no, "A", counter, counter, false, "S001") { Village = village }));
        e.Add((f, nameof(TicketFinished), new TicketFinished(f, no, "A", counter, "S001", c) { Village = village }));
        e.Add(level is { } l
            ? (f.AddSeconds(20), "RatingAccepted", new { ts = f.AddSeconds(20), ratingId = "R-" + no, ticketNo = no, counter, level = l, channel = "evaluator", village })
            : (f.AddMinutes(2), "RatingTimedOut", new { ts = f.AddMinutes(2), serviceId = "20261103-" + no, ticketNo = no, counter, result = "not-rated", village }));
    }

    private async Task<TestBox> EnrolledAsync(string boxId)
    {
        var box = new TestBox(boxId);
        _boxes.Add(box);
        await new BoxDirectory(Database, Time).EnrollAsync(boxId, box.Key.PublicKey, replace: false, default);
        return box;
    }
}
