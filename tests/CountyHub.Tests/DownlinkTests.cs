using System.Globalization;
using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.Contract.Uplink;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CountyHub.Tests;

/// <summary>The hub's downlink run directly: versions, messages and the poll; on SQLite and on PostgreSQL (the two subclasses).</summary>
public abstract class DownlinkTests : IAsyncLifetime
{
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "hall-hubkey-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<TestBox> _boxes = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 6, 10, 0, TimeSpan.Zero));

    protected HubDatabase Database { get; private set; } = null!;

    private ConfigVersions Versions { get; set; } = null!;

    private DownlinkMessages Messages { get; set; } = null!;

    private HubSigningKey Key { get; set; } = null!;

    private DownlinkPoll Poll { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await HubMigrator.ApplyAsync(Database, Time.GetUtcNow());
        Versions = new ConfigVersions(Database, Time);
        Messages = new DownlinkMessages(Database, Time);
        Key = HubSigningKey.LoadOrCreate(_keyDirectory);
        Poll = new DownlinkPoll(Database, Time, new HubClock(Time), Versions, Key, NullLogger<DownlinkPoll>.Instance);
    }

    public virtual Task DisposeAsync()
    {
        foreach (var box in _boxes)
        {
            box.Dispose();
        }

        Key.Dispose();
        Database.Dispose();
        try
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_first_start_publishes_the_2026_calendar_once_and_a_change_is_a_new_version()
    {
        await Versions.EnsureFirstAsync();
        await Versions.EnsureFirstAsync();
        var first = (await Versions.LatestAsync())!;
        Assert.Equal(1, first.Version);
        Assert.Contains(first.Config.Calendar.Days, d => d.Date == new DateOnly(2026, 2, 14) && d.Kind == ConfigCalendarDay.Workday);
        Assert.Equal(39, first.Config.Calendar.Days.Count);

        var result = await Versions.PublishAsync(c => c with { Catalogue = c.Catalogue with { Categories = [.. c.Catalogue.Categories, new ConfigCategory("C", "社会事务类")] } }, 1, "增加社会事务类", "admin");
        Assert.Null(result.Error);
        Assert.Equal(2, result.Published!.Version);

        // Version 1 is unchanged: versions are immutable.
        Assert.Equal(2, (await Versions.GetAsync(1))!.Config.Catalogue.Categories.Count);
        Assert.Equal(3, (await Versions.GetAsync(2))!.Config.Catalogue.Categories.Count);
    }

    [Fact]
    public async Task An_invalid_change_or_one_based_on_an_old_version_publishes_nothing()
    {
        await Versions.EnsureFirstAsync();
        var invalid = await Versions.PublishAsync(
            c => c with { Catalogue = c.Catalogue with { Items = [.. c.Catalogue.Items, c.Catalogue.Items[0] with { Code = "Z-1", Category = "Z" }] } }, 1, null, "admin");
        Assert.Equal(DownlinkErrorCodes.Invalid, invalid.Error!.Code);
        Assert.Contains(invalid.Problems, p => p.Contains("Z-1", StringComparison.Ordinal) && p.Contains("不在业务类别中", StringComparison.Ordinal));

        var stale = await Versions.PublishAsync(c => c, 0, null, "admin");
        Assert.Equal(HubErrorCodes.ConfigConflict, stale.Error!.Code);
        Assert.Equal(1, await Versions.LatestNumberAsync());
    }

    [Fact]
    public async Task A_poll_gets_the_newest_version_signed_for_its_own_box_with_the_halls_own_settings()
    {
        await Versions.EnsureFirstAsync();
        var box = await EnrolledAsync("xx-town");
        await Versions.PublishAsync(c => c with { HallSettings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["xx-town"] = new Dictionary<string, string> { [CountySettingKeys.RectifyWorkingDays] = "10" } } }, 1, null, "admin");

        var answer = Ok(await PollAsync(box, 0, 0));
        var offer = answer.Config!;
        Assert.Equal(2, offer.Version);
        Assert.True(ConfigSignature.Verify(offer, "xx-town", Key.PublicKey));
        Assert.False(ConfigSignature.Verify(offer, "yy-town", Key.PublicKey));
        Assert.False(ConfigSignature.Verify(offer with { Bundle = offer.Bundle.Replace("社会", "社区", StringComparison.Ordinal) + " " }, "xx-town", Key.PublicKey));
        var bundle = HallJson.Deserialize<ConfigBundle>(offer.Bundle)!;
        Assert.Equal("10", bundle.Settings.Values[CountySettingKeys.RectifyWorkingDays]);
        Assert.Empty(ConfigBundleValidator.Validate(bundle));

        // A box that runs it is offered nothing.
        Assert.Null(Ok(await PollAsync(box, 2, 0)).Config);
    }

    [Fact]
    public async Task Messages_come_after_the_cursor_in_order_and_are_marked_delivered_once_the_box_polls_past_them()
    {
        var box = await EnrolledAsync("xx-town");
        Assert.Null(await Messages.EnqueueAsync("nobody", DownlinkMessageTypes.Supervision, new { caseId = "c1" }));
        var first = (await Messages.EnqueueAsync("xx-town", DownlinkMessageTypes.Supervision, new { caseId = "c1", text = "请尽快回访" }))!;
        var second = (await Messages.EnqueueAsync("xx-town", DownlinkMessageTypes.VideoRequest, new { inspectionId = "i1" }))!;
        Assert.Equal((1L, 2L), (first.Cursor, second.Cursor));

        var answer = Ok(await PollAsync(box, 0, 0));
        Assert.Equal([first.Id, second.Id], answer.Messages.Select(m => m.Id));
        Assert.Equal("请尽快回访", answer.Messages[0].Data.GetProperty("text").GetString());
        Assert.Equal(2, answer.Cursor);
        Assert.All(await Messages.ForBoxAsync("xx-town"), m => Assert.Null(m.DeliveredAt));

        var next = Ok(await PollAsync(box, 0, 2));
        Assert.Empty(next.Messages);
        Assert.Equal(2, next.Cursor);
        Assert.All(await Messages.ForBoxAsync("xx-town"), m => Assert.NotNull(m.DeliveredAt));
    }

    [Fact]
    public async Task A_poll_and_an_uplink_batch_keep_their_own_nonces_and_a_replayed_poll_is_refused()
    {
        var box = await EnrolledAsync("xx-town");
        Ok(await PollAsync(box, 0, 0, nonce: 5_000));

        // The uplink's batch with a lower nonce still goes through: another channel.
        var ingest = new BatchIngest(Database, Options.Create(new HubOptions()), Time, new HubClock(Time), new BoxLocks(), new IngestCounters(), NullLogger<BatchIngest>.Instance);
        var stored = await ingest.IngestAsync(box.Request(box.Batch(1, box.Tickets(1, 2)), nonce: 2_000), default);
        Assert.Equal(200, stored.Status);

        var (status, body) = await PollAsync(box, 0, 0, nonce: 5_000);
        Assert.Equal(409, status);
        var refusal = (UplinkRefusal)body;
        Assert.Equal((UplinkErrorCodes.Replayed, 5_000L), (refusal.Error.Code, refusal.LastNonce));
    }

    [Fact]
    public async Task A_stranger_or_a_forged_poll_is_refused_and_gets_no_configuration()
    {
        await Versions.EnsureFirstAsync();
        var box = await EnrolledAsync("xx-town");
        using var stranger = new TestBox("xx-town");
        Assert.Equal(401, (await PollAsync(stranger, 0, 0)).Status);
        using var unknown = new TestBox("zz-town");
        Assert.Equal(401, (await PollAsync(unknown, 0, 0)).Status);

        // Signed for another query than the one sent (a cursor moved by someone on the way).
        var pathAndQuery = DownlinkProtocol.PathAndQuery(0, 0);
        var signature = box.Key.Sign(DownlinkProtocol.SigningBytes(pathAndQuery, "xx-town", 7_000));
        var (status, body) = await Poll.PollAsync("xx-town", "7000", signature, "0", "5", default);
        Assert.Equal(401, status);
        Assert.Equal(UplinkErrorCodes.BadSignature, ((UplinkRefusal)body).Error.Code);
    }

    [Fact]
    public async Task The_halls_version_and_its_refusal_come_from_its_config_events()
    {
        await Versions.EnsureFirstAsync();
        var box = await EnrolledAsync("xx-town");
        var ingest = new BatchIngest(Database, Options.Create(new HubOptions()), Time, new HubClock(Time), new BoxLocks(), new IngestCounters(), NullLogger<BatchIngest>.Instance);
        var at = box.Clock;
        var events = new[]
        {
            TestBox.Event(1, ConfigEvents.Applied, new ConfigApplied(1, at, null), at),
            TestBox.Event(2, ConfigEvents.Refused, new ConfigRefused(2, DownlinkErrorCodes.Invalid, "配置有误,未采用", 1, at.AddMinutes(1)), at.AddMinutes(1)),
        };
        Assert.Equal(200, (await ingest.IngestAsync(box.Request(box.Batch(1, events)), default)).Status);

        var hall = Assert.Single(await Versions.HallsAsync());
        Assert.Equal((1L, 2L, DownlinkErrorCodes.Invalid), (hall.RunningVersion, hall.RefusedVersion, hall.RefusedCode));
        Assert.Equal(at, hall.AppliedAt);
    }

    protected abstract Task<HubDatabase> CreateDatabaseAsync();

    private static DownlinkAnswer Ok((int Status, object Body) result)
    {
        Assert.True(result.Status == 200, JsonSerializer.Serialize(result.Body, HallJson.Options));
        return (DownlinkAnswer)result.Body;
    }

    private Task<(int Status, object Body)> PollAsync(TestBox box, long running, long after, long nonce = 0)
    {
        var n = nonce == 0 ? HybridTime.FromWall(Time.GetUtcNow()) + _boxes.Count + Random.Shared.Next(1, 1000) : nonce;
        var pathAndQuery = DownlinkProtocol.PathAndQuery(running, after);
        var signature = box.Key.Sign(DownlinkProtocol.SigningBytes(pathAndQuery, box.BoxId, n));
        Time.Advance(TimeSpan.FromSeconds(1));
        return Poll.PollAsync(box.BoxId, n.ToString(CultureInfo.InvariantCulture), signature, running.ToString(CultureInfo.InvariantCulture), after.ToString(CultureInfo.InvariantCulture), default);
    }

    private async Task<TestBox> EnrolledAsync(string boxId)
    {
        var box = new TestBox(boxId);
        _boxes.Add(box);
        await new BoxDirectory(Database, Time).EnrollAsync(boxId, box.Key.PublicKey, replace: false);
        return box;
    }
}

/// <summary>The downlink tests on SQLite, a fresh file per test.</summary>
public sealed class SqliteDownlinkTests : DownlinkTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-hub-" + Guid.NewGuid().ToString("N")[..12]);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected override Task<HubDatabase> CreateDatabaseAsync() => Task.FromResult(HubDatabase.Sqlite(Path.Combine(_directory, "hub.db")));
}

/// <summary>The downlink tests on PostgreSQL: one throwaway cluster for the class, a fresh database per test.</summary>
public sealed class PostgresDownlinkTests : DownlinkTests, IClassFixture<Hall.Tests.Shared.PostgresServer>
{
    private readonly Hall.Tests.Shared.PostgresServer _server;

    public PostgresDownlinkTests(Hall.Tests.Shared.PostgresServer server)
    {
        _server = server;
    }

    protected override async Task<HubDatabase> CreateDatabaseAsync() => HubDatabase.Postgres(await _server.CreateDatabaseAsync());
}
