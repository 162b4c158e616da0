using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.CountyHub.Downlink;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.IntegrationTests;
using Hall.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hall.Uplink.IntegrationTests;

/// <summary>
/// The county's configuration going down to a real box from a real hub (docs/sync.md, "The downlink"): applied whole,
/// refused whole, never touching what the hall already issued, and only the newest after days offline.
/// </summary>
public sealed class DownlinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_version_is_applied_whole_and_the_hub_sees_the_hall_run_it()
    {
        await using var rig = await UplinkRig.StartHubAsync("apply-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        rig.Box.Enroll("kiosk-9", DeviceRole.Kiosk);
        await StartAsync(rig);

        // The hub's first version: the 2026 calendar, its catalogue and rules, every section on the box.
        await RunsAsync(rig, 1);
        Assert.Equal(39, Scalar(rig, "SELECT count(*) FROM evaluation_calendar WHERE source = 'county-v1'"));
        Assert.Equal(6, Scalar(rig, "SELECT count(*) FROM evaluation_service_items"));
        Assert.Equal(3, Scalar(rig, "SELECT count(*) FROM inspection_rules"));

        await PublishAsync(rig, c => c with
        {
            Catalogue = c.Catalogue with
            {
                Categories = [.. c.Catalogue.Categories, new ConfigCategory("C", "社会事务类")],
                Items = [.. c.Catalogue.Items, new ConfigServiceItem("C-MZ-001", "临时救助申请", "C", "民政办", 3, 10, ConfigDecidedAt.Township, [new("居民身份证", false, null)], true, [ConfigDelivery.Window])],
                InspectionRules = [.. c.Catalogue.InspectionRules.Select(r => r.ItemCode == "B-SC-001" ? r with { MinimumSeconds = 40 } : r)],
            },
            Calendar = new ConfigCalendar([.. c.Calendar.Days, new ConfigCalendarDay(new DateOnly(2027, 1, 1), ConfigCalendarDay.Holiday, "元旦")]),
            Settings = new Dictionary<string, string>(c.Settings) { [CountySettingKeys.RectifyWorkingDays] = "10" },
            HallRevocations = new Dictionary<string, IReadOnlyList<string>> { ["apply-town"] = ["kiosk-9"] },
        });

        await RunsAsync(rig, 2);
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM queue_categories WHERE prefix = 'C' AND active = 1 AND name = '社会事务类'"));
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM evaluation_service_items WHERE code = 'C-MZ-001'"));
        Assert.Equal(40, Scalar(rig, "SELECT count(*) FROM evaluation_calendar WHERE source = 'county-v2'"));
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM evaluation_calendar WHERE day = '2027-01-01' AND kind = 'holiday'"));
        var rule = JsonDocument.Parse(Text(rig, "SELECT rule_json FROM inspection_rules WHERE item_code = 'B-SC-001'")).RootElement;
        Assert.Equal(TimeSpan.FromSeconds(40), TimeSpan.Parse(rule.GetProperty("minimumDuration").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("10", Text(rig, $"SELECT value FROM sync_county_settings WHERE key = '{CountySettingKeys.RectifyWorkingDays}'"));
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM devices WHERE device_id = 'kiosk-9' AND revoked_at IS NOT NULL"));

        // The queue took the new category in memory with the commit: a kiosk issues its first ticket at once.
        await using (var device = await MqttDevice.ConnectAsync(rig.Box, kiosk))
        {
            var reply = await device.RequestAsync("ticket", new { category = "C" }, Wait);
            Assert.Equal("C001", reply.GetProperty("ticketNo").GetString());
        }

        // The hub learns it through the uplink: the hall runs version 2.
        await Eventually.HoldsAsync(async () => await rig.Hub.ScalarAsync("SELECT running_version FROM box_config WHERE box_id = 'apply-town'") == 2, "the hub sees version 2");
    }

    [Fact]
    public async Task A_version_that_fails_midway_changes_nothing_and_the_old_one_stays()
    {
        await using var rig = await UplinkRig.StartHubAsync("whole-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        rig.Box.ExpectErrors("Queue write failed");
        await StartAsync(rig);
        await RunsAsync(rig, 1);

        // The store fails while the rules are written, after the queue and the calendar have written theirs.
        Execute(rig, "CREATE TRIGGER fail_rules BEFORE INSERT ON inspection_rules WHEN NEW.item_code = 'X-FAIL' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        var rule = CountyConfigDefaults.First.Catalogue.InspectionRules[0] with { ItemCode = "X-FAIL" };
        await PublishAsync(rig, c => c with
        {
            Catalogue = c.Catalogue with { Categories = [.. c.Catalogue.Categories, new ConfigCategory("C", "社会事务类")], InspectionRules = [.. c.Catalogue.InspectionRules, rule] },
            Calendar = new ConfigCalendar([.. c.Calendar.Days, new ConfigCalendarDay(new DateOnly(2027, 1, 1), ConfigCalendarDay.Holiday, "元旦")]),
        });

        await Eventually.HoldsAsync(() => Task.FromResult(Scalar(rig, $"SELECT count(*) FROM sync_config_refusals WHERE version = 2 AND code = '{DownlinkErrorCodes.ApplyFailed}'") == 1), "the failed apply told");
        Assert.Equal(1, Scalar(rig, "SELECT version FROM sync_config"));
        Assert.Equal(0, Scalar(rig, "SELECT count(*) FROM queue_categories WHERE prefix = 'C'"));
        Assert.Equal(0, Scalar(rig, "SELECT count(*) FROM evaluation_calendar WHERE day = '2027-01-01' OR source = 'county-v2'"));
        Assert.Equal(0, Scalar(rig, "SELECT count(*) FROM inspection_rules WHERE version = 2"));
        await using (var device = await MqttDevice.ConnectAsync(rig.Box, kiosk))
        {
            // Nor in memory: the queue reloaded what is on disk.
            var refused = await device.RequestAsync("ticket", new { category = "C" }, Wait);
            Assert.Equal(ErrorCodes.UnknownCategory, refused.GetProperty("error").GetProperty("code").GetString());
            Assert.StartsWith("A", (await device.RequestAsync("ticket", new { category = "A" }, Wait)).GetProperty("ticketNo").GetString(), StringComparison.Ordinal);
        }

        // Once the store takes it again, the next poll applies the version, whole.
        Execute(rig, "DROP TRIGGER fail_rules");
        await RunsAsync(rig, 2);
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM queue_categories WHERE prefix = 'C'"));
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM inspection_rules WHERE item_code = 'X-FAIL'"));
    }

    [Fact]
    public async Task A_version_with_a_bad_signature_or_an_invalid_catalogue_is_refused_and_the_old_one_kept()
    {
        await using var rig = await UplinkRig.StartHubAsync("refuse-town");

        // A box set up with another hub's key: it takes nothing that hub did not sign.
        var stranger = Convert.ToBase64String(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo());
        await StartAsync(rig, $"--Sync:HubSigningKey={stranger}");
        await Eventually.HoldsAsync(() => Task.FromResult(Scalar(rig, $"SELECT count(*) FROM sync_config_refusals WHERE version = 1 AND code = '{DownlinkErrorCodes.BadSignature}'") == 1), "version 1 refused");
        Assert.Equal(0, Scalar(rig, "SELECT count(*) FROM sync_config"));
        Assert.Equal(0, Scalar(rig, "SELECT count(*) FROM evaluation_calendar WHERE source LIKE 'county-%'"));
        await Eventually.HoldsAsync(async () => await RefusedAtHubAsync(rig) == DownlinkErrorCodes.BadSignature, "the hub sees the refusal");

        // The technician sets the right key: the box takes version 1.
        await rig.Box.StopAsync();
        await StartAsync(rig);
        await RunsAsync(rig, 1);

        // A version the hub should never have published (written past its checks): an item of a category that does not exist.
        var first = CountyConfigDefaults.First;
        var broken = first with { Catalogue = first.Catalogue with { Items = [.. first.Catalogue.Items, first.Catalogue.Items[0] with { Code = "Z-1", Category = "Z" }] } };
        await InsertVersionAsync(rig, 2, broken);
        await Eventually.HoldsAsync(() => Task.FromResult(Scalar(rig, $"SELECT count(*) FROM sync_config_refusals WHERE version = 2 AND code = '{DownlinkErrorCodes.Invalid}'") == 1), "version 2 refused");
        Assert.Contains("Z-1", Text(rig, "SELECT message FROM sync_config_refusals WHERE version = 2"), StringComparison.Ordinal);
        Assert.Equal(1, Scalar(rig, "SELECT version FROM sync_config"));
        Assert.Equal(0, Scalar(rig, "SELECT count(*) FROM evaluation_service_items WHERE code = 'Z-1'"));
        await Eventually.HoldsAsync(async () => await RefusedAtHubAsync(rig) == DownlinkErrorCodes.Invalid, "the hub sees why");

        // Told once: however often the hub offers it again, one refusal goes up.
        for (var i = 0; i < 3; i++)
        {
            var last = await DownlinkNonceAsync(rig);
            await Eventually.HoldsAsync(async () => await DownlinkNonceAsync(rig) > last, "another poll");
        }

        Assert.Equal(1, Scalar(rig, $"SELECT count(*) FROM outbox WHERE type = '{ConfigEvents.Refused}' AND payload LIKE '%\"version\":2,%'"));

        // The next good version is taken.
        await InsertVersionAsync(rig, 3, first);
        await RunsAsync(rig, 3);
    }

    [Fact]
    public async Task Tickets_issued_while_a_version_is_applied_keep_their_number_and_category()
    {
        await using var rig = await UplinkRig.StartHubAsync("busy-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        await StartAsync(rig);
        await RunsAsync(rig, 1);

        var issued = new List<(string No, string Category)>();
        var refusedAfter = 0;
        await using var device = await MqttDevice.ConnectAsync(rig.Box, kiosk);
        async Task IssueAsync(string category)
        {
            var reply = await device.RequestAsync("ticket", new { category }, Wait);
            if (reply.TryGetProperty("ticketNo", out var no))
            {
                issued.Add((no.GetString()!, reply.GetProperty("category").GetString()!));
            }
            else
            {
                // Only what the new catalogue says: B no longer takes tickets. Never a store failure.
                Assert.Equal(ErrorCodes.CategoryClosed, reply.GetProperty("error").GetProperty("code").GetString());
                refusedAfter++;
            }
        }

        for (var i = 0; i < 10; i++)
        {
            await IssueAsync(i % 2 == 0 ? "A" : "B");
        }

        // The county renames A and drops B while the kiosk keeps issuing.
        var publishing = PublishAsync(rig, c => c with { Catalogue = c.Catalogue with { Categories = [new ConfigCategory("A", "居民类")], Items = [.. c.Catalogue.Items.Where(i => i.Category == "A")], InspectionRules = [] } });
        var rounds = 0;
        while (Scalar(rig, "SELECT coalesce(max(version), 0) FROM sync_config") < 2 && rounds++ < 2000)
        {
            await IssueAsync(rounds % 2 == 0 ? "A" : "B");
        }

        await publishing;
        for (var i = 0; i < 6; i++)
        {
            await IssueAsync(i % 2 == 0 ? "A" : "B");
        }

        Assert.True(refusedAfter >= 3, $"B refused {refusedAfter} times after the change");
        Assert.Equal(issued.Count, issued.Select(t => t.No).Distinct().Count());

        // Every ticket the hall issued is still there with the number and category it was printed with; B's wait on.
        using var connection = rig.Box.Database.Open();
        foreach (var (no, category) in issued)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT category FROM queue_tickets WHERE ticket_no = $no";
            command.Parameters.AddWithValue("$no", no);
            Assert.Equal(category, (string?)command.ExecuteScalar());
        }

        Assert.Equal(issued.Count(t => t.Category == "B"), Scalar(rig, "SELECT count(*) FROM queue_tickets WHERE category = 'B' AND status = 'waiting'"));
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM queue_categories WHERE prefix = 'A' AND name = '居民类' AND active = 1"));
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM queue_categories WHERE prefix = 'B' AND active = 0"));
    }

    [Fact]
    public async Task A_box_offline_during_two_versions_applies_only_the_last()
    {
        await using var rig = await UplinkRig.StartHubAsync("away-town");
        await StartAsync(rig);
        await RunsAsync(rig, 1);

        rig.Proxy.Refusing = true;
        rig.Proxy.CutAll();
        await PublishAsync(rig, c => c with { Calendar = new ConfigCalendar([.. c.Calendar.Days, new ConfigCalendarDay(new DateOnly(2027, 1, 1), ConfigCalendarDay.Holiday, "元旦")]) }, "第二版");
        await PublishAsync(rig, c => c with { Catalogue = c.Catalogue with { Categories = [.. c.Catalogue.Categories, new ConfigCategory("C", "社会事务类")] } }, "第三版");
        var refused = rig.Proxy.Refused;
        await Eventually.HoldsAsync(() => Task.FromResult(rig.Proxy.Refused >= refused + 3), "the box trying while offline");
        Assert.Equal(1, Scalar(rig, "SELECT version FROM sync_config"));

        rig.Proxy.Refusing = false;
        await RunsAsync(rig, 3);

        // Version 3 carries version 2's change too (a version is the whole configuration); version 2 itself was never applied.
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM evaluation_calendar WHERE day = '2027-01-01'"));
        Assert.Equal(1, Scalar(rig, "SELECT count(*) FROM queue_categories WHERE prefix = 'C'"));
        var applied = new List<long>();
        using (var connection = rig.Box.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT payload FROM outbox WHERE type = '{ConfigEvents.Applied}' ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty("version").GetInt64());
            }
        }

        Assert.Equal([1L, 3L], applied);
        await Eventually.HoldsAsync(async () => await rig.Hub.ScalarAsync("SELECT running_version FROM box_config WHERE box_id = 'away-town'") == 3, "the hub sees version 3");
    }

    [Fact]
    public async Task The_console_shows_the_version_the_hall_runs_since_when_and_the_last_refusal()
    {
        const string password = "Shiyan-2026-hall";
        await using var rig = await UplinkRig.StartHubAsync("console-town");
        await StartAsync(rig, $"--Staff:BootstrapAdminPassword={password}");
        await RunsAsync(rig, 1);
        var appliedAt = DateTimeOffset.Parse(Text(rig, "SELECT applied_at FROM sync_config"), CultureInfo.InvariantCulture);
        var hallTime = TimeZoneInfo.ConvertTime(appliedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, rig.Box.ChromiumTrustArgument);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        await page.GotoAsync(new Uri(rig.Box.HttpsUri, "admin").ToString());
        await page.FillAsync("#staffId", "admin");
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#me")).ToContainTextAsync("管理员", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await page.ClickAsync("nav button[data-tab=uplink]");
        await Expect(page.Locator("#down-version")).ToHaveTextAsync("第 1 版");
        await Expect(page.Locator("#down-since")).ToHaveTextAsync(hallTime);
        await Expect(page.Locator("#down-note")).ToContainTextAsync("2026 年节假日安排");
        await Expect(page.Locator("#down-refused")).ToHaveTextAsync("无");

        // A version the box refuses: the tab says which, why, and that the old one runs on.
        var first = CountyConfigDefaults.First;
        await InsertVersionAsync(rig, 2, first with { Catalogue = first.Catalogue with { Items = [.. first.Catalogue.Items, first.Catalogue.Items[0] with { Code = "Z-1", Category = "Z" }] } });
        await Eventually.HoldsAsync(() => Task.FromResult(Scalar(rig, "SELECT count(*) FROM sync_config_refusals WHERE version = 2") == 1), "version 2 refused");
        await page.ClickAsync("nav button[data-tab=live]");
        await page.ClickAsync("nav button[data-tab=uplink]");
        await Expect(page.Locator("#down-refused")).ToContainTextAsync("第 2 版:配置有误,未采用:事项 Z-1:所属类别「Z」不在业务类别中");
        await Expect(page.Locator("#down-refused")).ToHaveAttributeAsync("title", DownlinkErrorCodes.Invalid);
        await Expect(page.Locator("#down-version")).ToHaveTextAsync("第 1 版");
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, "uplink-console-config-refused.png"), FullPage = true });
    }

    private static Task StartAsync(UplinkRig rig, params string[] extra) => rig.StartBoxAsync(["--Sync:DownlinkInterval=00:00:00.200", .. extra]);

    private static Task RunsAsync(UplinkRig rig, long version) =>
        Eventually.HoldsAsync(() => Task.FromResult(Scalar(rig, "SELECT coalesce(max(version), 0) FROM sync_config") == version), $"the box runs version {version}\n{rig.Box.Log}");

    private static async Task PublishAsync(UplinkRig rig, Func<CountyConfig, CountyConfig> change, string? note = null)
    {
        using var database = rig.Hub.OpenDatabase();
        var result = await new ConfigVersions(database, TimeProvider.System).PublishOnLatestAsync(change, note ?? "测试", "tester");
        Assert.True(result.Published is not null, string.Join("; ", result.Problems) + result.Error?.Message);
    }

    /// <summary>A version written straight into the hub's table, past the hub's own checks.</summary>
    private static async Task InsertVersionAsync(UplinkRig rig, long version, CountyConfig config)
    {
        using var database = rig.Hub.OpenDatabase();
        await using var connection = await database.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "INSERT INTO config_versions(version, published_at, published_by, note, config) VALUES (@v, @at, 'tester', NULL, @config)";
        Add(command, "@v", version);
        Add(command, "@at", database.Dialect.TimeValue(DateTimeOffset.UtcNow));
        Add(command, "@config", HallJson.SerializeToString(config));
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<string?> RefusedAtHubAsync(UplinkRig rig)
    {
        using var database = rig.Hub.OpenDatabase();
        await using var connection = await database.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT refused_code FROM box_config WHERE box_id = '" + rig.Box.HallId + "'";
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The last nonce the hub took from the box's polls: it moves at every poll.</summary>
    private static Task<long> DownlinkNonceAsync(UplinkRig rig) =>
        rig.Hub.ScalarAsync($"SELECT coalesce(max(last_nonce), 0) FROM box_channel_nonces WHERE box_id = '{rig.Box.HallId}' AND channel = '{SyncChannels.Downlink}'");

    private static long Scalar(UplinkRig rig, string sql)
    {
        using var connection = rig.Box.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static string Text(UplinkRig rig, string sql)
    {
        using var connection = rig.Box.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    private static void Execute(UplinkRig rig, string sql)
    {
        using var connection = rig.Box.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        SqliteConnection.ClearPool(connection);
    }
}
