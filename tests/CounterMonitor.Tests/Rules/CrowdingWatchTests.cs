using Hall.CounterMonitor.Rules;

namespace Hall.CounterMonitor.Tests.Rules;

public sealed class CrowdingWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly CrowdingRules Rules = new(20, 6, TimeSpan.FromSeconds(60));

    [Fact]
    public void Many_faces_in_the_waiting_area_for_a_minute_raise_crowding_with_the_suggestion()
    {
        var watch = new CrowdingWatch(Rules);
        var changes = new List<AlertChange>();
        for (var s = 0; s <= 70; s++)
        {
            watch.Sample("lobby", s % 7 == 0 ? 3 : 24); // an odd low frame does not reset the count
            if (watch.Evaluate(T0.AddSeconds(s), 10, 3, "建议开放4号窗口") is { } change)
            {
                changes.Add(change);
            }
        }

        var raised = Assert.Single(changes);
        Assert.True(raised.Active);
        Assert.Contains("24 人", raised.Message, StringComparison.Ordinal);
        Assert.Contains("建议开放4号窗口", raised.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_waiting_tickets_per_open_counter_raise_crowding_without_any_camera()
    {
        var watch = new CrowdingWatch(Rules);
        Assert.Null(watch.Evaluate(T0, 14, 2, "建议开放3号窗口"));
        Assert.Null(watch.Evaluate(T0.AddSeconds(59), 14, 2, "建议开放3号窗口"));
        var raised = watch.Evaluate(T0.AddSeconds(60), 14, 2, "建议开放3号窗口");

        Assert.NotNull(raised);
        Assert.Contains("每窗口 7 人", raised.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crowding_clears_only_after_it_has_stayed_below_for_as_long()
    {
        var watch = new CrowdingWatch(Rules);
        watch.Evaluate(T0, 20, 2, "x");
        Assert.NotNull(watch.Evaluate(T0.AddSeconds(60), 20, 2, "x"));
        Assert.Null(watch.Evaluate(T0.AddSeconds(70), 2, 2, "x"));
        Assert.Null(watch.Evaluate(T0.AddSeconds(100), 20, 2, "x"));
        Assert.Null(watch.Evaluate(T0.AddSeconds(110), 2, 2, "x"));
        var cleared = watch.Evaluate(T0.AddSeconds(170), 2, 2, "x");

        Assert.NotNull(cleared);
        Assert.False(cleared.Active);
    }

    [Fact]
    public void People_waiting_with_no_counter_open_is_crowding()
    {
        var watch = new CrowdingWatch(Rules);
        watch.Evaluate(T0, 3, 0, "建议开放1号窗口");
        var raised = watch.Evaluate(T0.AddSeconds(60), 3, 0, "建议开放1号窗口");

        Assert.NotNull(raised);
        Assert.Contains("没有开放的窗口", raised.Message, StringComparison.Ordinal);
    }
}
