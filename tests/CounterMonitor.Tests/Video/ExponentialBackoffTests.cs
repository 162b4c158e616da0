using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Video;

public class ExponentialBackoffTests
{
    [Fact]
    public void Doubles_up_to_the_maximum_and_starts_over_after_a_good_run()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        var waits = Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalSeconds).ToArray();
        backoff.Reset();

        Assert.Equal([1, 2, 4, 5, 5], waits);
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Fact]
    public void Jitter_spreads_each_wait_around_the_doubled_one_within_min_and_max()
    {
        // The injected randomness: lowest, highest, middle, lowest, highest.
        var draws = new Queue<double>([0.0, 0.999999, 0.5, 0.0, 0.999999]);
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), 0.2, draws.Dequeue);

        var waits = Enumerable.Range(0, 5).Select(_ => Math.Round(backoff.Next().TotalSeconds, 3)).ToArray();

        // 1 → Min (no lower), 2 → 2.4, 4 → 4, 8 → 6.4, 8 → Max (no higher).
        Assert.Equal([1, 2.4, 4, 6.4, 8], waits);
    }

    [Fact]
    public void Two_cameras_that_fail_together_restart_apart()
    {
        var first = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, new Random(1).NextDouble);
        var second = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, new Random(2).NextDouble);

        var a = Enumerable.Range(0, 8).Select(_ => first.Next()).ToArray();
        var b = Enumerable.Range(0, 8).Select(_ => second.Next()).ToArray();

        Assert.NotEqual(a[2..], b[2..]);
        Assert.All(a.Concat(b), w => Assert.InRange(w, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
    }
}
