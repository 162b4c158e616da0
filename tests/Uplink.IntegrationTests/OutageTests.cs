using System.Globalization;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.IntegrationTests;
using Hall.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Hall.Uplink.IntegrationTests;

/// <summary>What a township box lives through: a week without its link, and a restore from an old backup.</summary>
public sealed class OutageTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task A_box_offline_for_seven_days_catches_up_with_nothing_lost_or_doubled()
    {
        await using var rig = await UplinkRig.StartHubAsync("week-town");
        rig.Proxy.Refusing = true;

        // Seven days of the hall's work, recorded while the link was down.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
        var week = Enumerable.Range(1, 7).SelectMany(d => HallDay.Generate(today.AddDays(-8 + d), Shanghai, new Random(d), 250)).ToList();
        HallDay.Seed(rig.Box.Database, week);
        await rig.StartBoxAsync();

        // The box keeps trying, shows the link down and what waits; nothing leaves.
        await Eventually.HoldsAsync(async () => await rig.BoxMetricAsync("hall_sync_batches_total{result=\"failed\"}") >= 3, "three failed tries");
        Assert.Equal(0, await rig.BoxMetricAsync("hall_sync_link_up"));
        Assert.Equal(1, await rig.BoxMetricAsync("hall_sync_state{state=\"down\"}"));
        await Eventually.HoldsAsync(async () => await rig.BoxMetricAsync("hall_sync_backlog_events") >= week.Count, "the backlog shown");
        Assert.Equal(0, await rig.Hub.ScalarAsync("SELECT count(*) FROM events"));

        rig.Proxy.Refusing = false;
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(2));
        await ExactlyOnceTests.AssertExactlyOnceAsync(rig, week);

        // The hub's figures per day are the hall's days.
        foreach (var day in week.Where(e => e.Type == "TicketIssued").GroupBy(e => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.At, Shanghai).DateTime)))
        {
            var held = await rig.Hub.ScalarAsync($"SELECT count(*) FROM tickets WHERE box_id = 'week-town' AND hall_day = '{day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'");
            Assert.Equal(day.Count(), held);
        }

        await Eventually.HoldsAsync(async () => await rig.BoxMetricAsync("hall_sync_backlog_events") == 0, "the backlog emptied");
        Assert.Equal(1, await rig.BoxMetricAsync("hall_sync_link_up"));

        // The hub saw the box catch up: nothing left behind it, and how old its events were when they came.
        var metrics = await rig.Hub.Client().GetStringAsync(new Uri(rig.Hub.BaseUri, "metrics"));
        Assert.Contains("hub_box_backlog_events{box=\"week-town\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("hub_box_lag_seconds{box=\"week-town\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_box_restored_from_an_old_backup_loses_and_doubles_nothing()
    {
        await using var rig = await UplinkRig.StartHubAsync("restore-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        await rig.StartBoxAsync();
        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 5);
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));

        // Last night's backup.
        var backup = Path.Combine(rig.Box.DataDirectory, "backup.db");
        using (var connection = rig.Box.Database.Open())
        using (var vacuum = connection.CreateCommand())
        {
            vacuum.CommandText = $"VACUUM INTO '{backup}'";
            vacuum.ExecuteNonQuery();
        }

        // A day's work after it, all sent to the hub; then the box's disk dies.
        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 7);
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));
        var before = await rig.HubEventsAsync();
        await rig.Box.StopAsync();
        SqliteConnection.ClearAllPools();
        File.Copy(backup, rig.Box.Database.Path, overwrite: true);
        File.Delete(rig.Box.Database.Path + "-wal");
        File.Delete(rig.Box.Database.Path + "-shm");

        // The restored box numbers its new events again from where the backup stopped: in a new epoch.
        await rig.StartBoxAsync();
        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 4);
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));
        var after = await rig.HubEventsAsync();

        Assert.Empty(before.Keys.Except(after.Keys));
        Assert.Empty(rig.BoxEvents().Keys.Except(after.Keys));
        var issued = after.Values.Count(t => t == "TicketIssued");
        Assert.Equal(16, issued);
        var epochs = await rig.Hub.ScalarAsync("SELECT count(*) FROM box_epochs WHERE box_id = 'restore-town'");
        Assert.True(epochs >= 3, $"{epochs} epochs at the hub");
    }
}
