namespace Hall.CounterMonitor.Video;

/// <summary>
/// Waits between restarts: Min, then doubled each time up to Max, back to Min after a good run. With jitter, each wait
/// is spread by up to ±<c>jitter</c> of itself (kept within Min and Max): after a switch reboots, the cameras behind it
/// come back at different moments instead of all restarting ffmpeg in the same instant, again and again.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Func<double> _random;
    private TimeSpan _next;

    /// <param name="min">The first wait.</param>
    /// <param name="max">The longest wait.</param>
    /// <param name="jitter">Share of each wait it may move by, 0 (none) to 1.</param>
    /// <param name="random">Uniform in [0, 1); injected so tests are deterministic.</param>
    public ExponentialBackoff(TimeSpan min, TimeSpan max, double jitter = 0, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1);
        _min = min;
        _max = max;
        _jitter = jitter;
        _random = random ?? (() => 0.5);
        _next = min;
    }

    /// <summary>The wait to use now; the following one is twice as long, at most Max.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        if (_jitter == 0)
            return current;
        var spread = current * (_jitter * ((2 * _random()) - 1));
        var wait = current + spread;
        return wait < _min ? _min : wait > _max ? _max : wait;
    }

    /// <summary>Frames flowed again: the next failure waits only Min.</summary>
    public void Reset() => _next = _min;
}
