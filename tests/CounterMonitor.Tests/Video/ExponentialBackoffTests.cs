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
}
