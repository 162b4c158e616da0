namespace Hall.Devices.HallSimulator;

/// <summary>
/// Arrival times of a non-homogeneous Poisson process, by thinning (Lewis–Shedler): candidates come at the
/// peak rate and each is kept with probability rate(t) ÷ peak. The caller's seeded <see cref="Random"/>
/// makes a run reproducible.
/// </summary>
public sealed class ArrivalGenerator
{
    private readonly ArrivalProfile _profile;
    private readonly Random _random;

    public ArrivalGenerator(ArrivalProfile profile, Random random)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(random);
        _profile = profile;
        _random = random;
    }

    /// <summary>The next arrival after <paramref name="after"/> (time since opening), or null when the session is over.</summary>
    public TimeSpan? Next(TimeSpan after)
    {
        var t = after < TimeSpan.Zero ? TimeSpan.Zero : after;
        var peak = _profile.PeakPerHour;
        while (true)
        {
            // Exponential gap at the peak rate; 1 - U is in (0, 1], so the log is finite.
            t += TimeSpan.FromHours(-Math.Log(1 - _random.NextDouble()) / peak);
            if (t > _profile.Length)
            {
                return null;
            }

            if (_random.NextDouble() * peak < _profile.RatePerHourAt(t))
            {
                return t;
            }
        }
    }

    /// <summary>Every arrival of one session, in order.</summary>
    public IReadOnlyList<TimeSpan> Session()
    {
        var arrivals = new List<TimeSpan>();
        var t = TimeSpan.Zero;
        while (Next(t) is { } next)
        {
            arrivals.Add(next);
            t = next;
        }

        return arrivals;
    }
}
