namespace Hall.FirmwareHost.Broker;

/// <summary>
/// Logs a burst of refusals once, not once per message: the first refusal of a kind is logged in full, the rest of its
/// window only counted, and <see cref="Due"/> hands out one summary ("N more in the last M s") per kind and window.
/// A flood of 60,000 bad logins writes a handful of lines. Plain: the caller writes the lines and drives <see cref="Due"/>.
/// </summary>
public sealed class BurstLog
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Dictionary<Refusal, Burst> _bursts = [];
    private readonly Lock _gate = new();

    public BurstLog(TimeProvider time, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = time;
        _window = window;
    }

    /// <summary>Counts one refusal; true when this one should be logged in full (the first of its burst).</summary>
    public bool Record(Refusal kind)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_bursts.TryGetValue(kind, out var burst))
            {
                _bursts[kind] = new Burst(now);
                return true;
            }

            burst.Suppressed++;
            return false;
        }
    }

    /// <summary>
    /// The summaries whose window has ended. A kind that kept coming starts a new window (and is summarised again at
    /// its end); a kind that went quiet ends its burst, so its next refusal is logged in full again.
    /// </summary>
    public IReadOnlyList<BurstSummary> Due()
    {
        var now = _time.GetUtcNow();
        var due = new List<BurstSummary>();
        lock (_gate)
        {
            foreach (var (kind, burst) in _bursts.ToList())
            {
                if (now - burst.Start < _window)
                {
                    continue;
                }

                if (burst.Suppressed == 0)
                {
                    _bursts.Remove(kind);
                    continue;
                }

                due.Add(new BurstSummary(kind, burst.Suppressed, now - burst.Start));
                _bursts[kind] = new Burst(now);
            }
        }

        return due;
    }

    /// <summary>How many refusals of a kind were counted but not logged over how long.</summary>
    public sealed record BurstSummary(Refusal Kind, long Count, TimeSpan Over);

    private sealed class Burst(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public long Suppressed { get; set; }
    }
}
