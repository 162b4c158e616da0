namespace Hall.Sync.Link;

/// <summary>
/// Sees the wall clock jump: the wall clock moving by more (or less) than the monotonic clock since the last look,
/// beyond a tolerance (NTP setting the clock of a box that booted in 1970, a technician changing it).
/// </summary>
public sealed class ClockWatch
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _tolerance;
    private DateTimeOffset _wall;
    private long _stamp;

    public ClockWatch(TimeProvider time, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _tolerance = tolerance;
        _wall = time.GetUtcNow();
        _stamp = time.GetTimestamp();
    }

    public bool Jumped(out TimeSpan jump)
    {
        var wall = _time.GetUtcNow();
        var stamp = _time.GetTimestamp();
        jump = (wall - _wall) - _time.GetElapsedTime(_stamp, stamp);
        _wall = wall;
        _stamp = stamp;
        return jump.Duration() > _tolerance;
    }
}
