using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Hall.Devices.HallSimulator.Tests;

public class QueueReplayTests
{
    private static readonly WaitEstimateModel Zero = new("zero", _ => 0);

    private static readonly WaitEstimateModel Plain = new("plain", s =>
    {
        var ahead = s.Waiting.Count(w => w.Category == s.Category);
        var open = Math.Max(1, s.Counters.Count(c => c.Open && c.Categories.Contains(s.Category)));
        return (int)Math.Ceiling(ahead * s.MeanServiceTime(s.Category).TotalMinutes / open);
    });

    [Fact]
    public void Everyone_who_takes_a_ticket_in_the_morning_is_called_and_nobody_before_arriving()
    {
        var result = QueueReplay.Run(ReplayOptions.MorningPeak(), new Random(1), [Zero]);

        Assert.NotEmpty(result.People);
        Assert.All(result.People, p =>
        {
            Assert.NotNull(p.CalledAt);
            Assert.True(p.Waited >= TimeSpan.Zero);
        });
    }

    [Fact]
    public void The_morning_peak_builds_a_queue()
    {
        var result = QueueReplay.Run(ReplayOptions.MorningPeak(), new Random(2), [Zero]);

        Assert.True(result.MostWaiting >= 5, $"most waiting: {result.MostWaiting}");
        Assert.True(result.Accuracy["zero"].MeanWaitMinutes > 5, $"mean wait {result.Accuracy["zero"].MeanWaitMinutes:F1} min");
    }

    [Fact]
    public void Estimating_zero_is_off_by_exactly_the_real_wait()
    {
        var result = QueueReplay.Run(ReplayOptions.MorningPeak(), new Random(3), [Zero]);

        var accuracy = result.Accuracy["zero"];
        Assert.Equal(result.People.Count, accuracy.Compared);
        Assert.Equal(accuracy.MeanWaitMinutes, accuracy.MeanAbsoluteErrorMinutes, 6);
    }

    [Fact]
    public void The_same_seed_replays_the_same_morning()
    {
        var first = QueueReplay.Run(ReplayOptions.MorningPeak(), new Random(4), [Plain]);
        var second = QueueReplay.Run(ReplayOptions.MorningPeak(), new Random(4), [Plain]);

        Assert.Equal(first.People.Select(p => (p.Category, p.CalledAt, p.Counter)), second.People.Select(p => (p.Category, p.CalledAt, p.Counter)));
        Assert.Equal(first.Accuracy["plain"], second.Accuracy["plain"]);
    }

    [Fact]
    public void A_counter_serves_its_preferred_category_first()
    {
        var options = ReplayOptions.MorningPeak() with
        {
            Counters = [new ReplayCounter("1", ["A"]), new ReplayCounter("4", ["B"])],
        };

        var result = QueueReplay.Run(options, new Random(5), [Zero]);

        Assert.All(result.People, p => Assert.Equal(p.Category == "A" ? "1" : "4", p.Counter));
    }

    [Fact]
    public void A_fake_clock_follows_the_replay_forward_only()
    {
        var options = ReplayOptions.MorningPeak();
        var opening = new DateTimeOffset(options.Day.ToDateTime(options.Arrivals.Opening), options.UtcOffset);
        var clock = new FakeTimeProvider(opening);
        var seen = new List<DateTimeOffset>();
        var model = new WaitEstimateModel("clock", s =>
        {
            seen.Add(clock.GetUtcNow());
            Assert.Equal(s.Now, clock.GetUtcNow());
            return 0;
        });

        var result = QueueReplay.Run(options, new Random(6), [model], clock.SetUtcNow);

        Assert.Equal(result.People.Count, seen.Count);
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(result.LastFinish, clock.GetUtcNow());
    }

    [Fact]
    public void The_estimator_sees_the_queue_the_new_ticket_joins()
    {
        var sawQueue = false;
        var model = new WaitEstimateModel("probe", s =>
        {
            Assert.Equal(s.Waiting.OrderBy(w => w.IssuedAt), s.Waiting);
            Assert.All(s.Waiting, w => Assert.True(w.IssuedAt <= s.Now));
            Assert.Equal(4, s.Counters.Count);
            sawQueue |= s.Waiting.Count > 0 && s.Counters.All(c => c.CurrentCategory is not null);
            return 0;
        });

        QueueReplay.Run(ReplayOptions.MorningPeak(), new Random(7), [model]);

        Assert.True(sawQueue, "at the peak some people arrive while every counter is busy");
    }
}
