namespace Hall.Sync.Link;

/// <summary>
/// The bandwidth cap: a token bucket of bytes refilled at the cap's rate, holding at most a quarter second of it, so
/// the uplink never takes more of the hall's link than it is given. Plain logic over a TimeProvider's timestamps.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _bytesPerSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _stamp;

    public TokenBucket(double bytesPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        ArgumentNullException.ThrowIfNull(time);
        _bytesPerSecond = bytesPerSecond;
        _capacity = Math.Max(1024, bytesPerSecond / 4);
        _time = time;
        _tokens = _capacity;
        _stamp = time.GetTimestamp();
    }

    /// <summary>How long to wait before <paramref name="bytes"/> may go; takes them (the balance may go negative).</summary>
    public TimeSpan Take(int bytes)
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_stamp, now).TotalSeconds * _bytesPerSecond));
        _stamp = now;
        _tokens -= bytes;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _bytesPerSecond);
    }
}
