using System.Globalization;
using Hall.Contract;
using Hall.FirmwareHost.IntegrationTests;

namespace Hall.Uplink.IntegrationTests;

/// <summary>
/// A box whose wall clock cannot be trusted (no real-time clock after a power cut: 1970; a clock three hours fast):
/// its events reach the hub once, and the hub counts them on the hall's own day, not on the box's wrong one.
/// </summary>
public sealed class ClockTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("@1970-01-02 02:00:00", 1.0e9)]
    [InlineData("+3h", -3 * 3600.0)]
    public async Task Tickets_of_a_box_with_a_wrong_clock_count_on_the_halls_own_day(string clock, double skew)
    {
        await using var rig = await UplinkRig.StartHubAsync("clock-town");
        rig.Box.FakeClock = clock;
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        var dayBefore = Today();
        await rig.StartBoxAsync();

        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 5);

        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));
        var dayAfter = Today();

        // The box wrote its own (wrong) time on each event; the hub corrected it by the skew it measured.
        var issued = await rig.Hub.ScalarAsync($"SELECT count(*) FROM tickets WHERE box_id = 'clock-town' AND hall_day IN ('{dayBefore}', '{dayAfter}')");
        Assert.Equal(5, issued);
        var measured = await rig.Hub.ScalarAsync("SELECT max(last_skew_ms) FROM boxes WHERE box_id = 'clock-town'") / 1000.0;
        Assert.True(skew > 0 ? measured > skew : Math.Abs(measured - skew) < 600, $"the hub measured a skew of {measured} s");
        var metrics = await rig.Hub.Client().GetStringAsync(new Uri(rig.Hub.BaseUri, "metrics"));
        Assert.Contains("hub_box_skew_seconds{box=\"clock-town\"}", metrics, StringComparison.Ordinal);
    }

    private static string Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
