namespace Hall.Sync.Link;

/// <summary>
/// The wait before the next try after consecutive failures: exponential from the first wait up to the longest, with
/// jitter (half fixed, half random) so that twenty halls behind one county link do not all come back at once.
/// </summary>
public sealed class Backoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Random _random;

    public Backoff(TimeSpan min, TimeSpan max, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _min = min;
        _max = max < min ? min : max;
        _random = random;
    }

    public int Failures { get; private set; }

    /// <summary>Counts a failure and says how long to wait before the next try.</summary>
    public TimeSpan Next()
    {
        Failures++;
        var exponent = Math.Min(Failures - 1, 30);
        var ceiling = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (_random.NextDouble() * ceiling / 2));
    }

    public void Reset() => Failures = 0;
}
