namespace Hall.CounterMonitor.Video;

/// <summary>Waits between restarts: Min, then doubled each time up to Max, back to Min after a good run.</summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ExponentialBackoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
        _next = min;
    }

    /// <summary>The wait to use now; the following one is twice as long, at most Max.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        return current;
    }

    /// <summary>Frames flowed again: the next failure waits only Min.</summary>
    public void Reset() => _next = _min;
}
