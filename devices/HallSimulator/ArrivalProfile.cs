namespace Hall.Devices.HallSimulator;

/// <summary>
/// How the arrival rate changes through a session: a piecewise-linear rate over the hall's time of day,
/// zero before the first corner and after the last.
/// </summary>
public sealed class ArrivalProfile
{
    public ArrivalProfile(IReadOnlyList<ArrivalRatePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            throw new ArgumentException("An arrival profile needs at least two points (opening and closing).", nameof(points));
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (double.IsNaN(points[i].PerHour) || double.IsInfinity(points[i].PerHour) || points[i].PerHour < 0)
            {
                throw new ArgumentException($"Arrival rate at {points[i].At} must be a finite number ≥ 0, not {points[i].PerHour}.", nameof(points));
            }

            if (i > 0 && points[i].At <= points[i - 1].At)
            {
                throw new ArgumentException($"Arrival profile times must increase: {points[i].At} comes after {points[i - 1].At}.", nameof(points));
            }
        }

        if (points.All(p => p.PerHour == 0))
        {
            throw new ArgumentException("An arrival profile with a zero rate everywhere brings nobody.", nameof(points));
        }

        Points = points.ToArray();
        PeakPerHour = points.Max(p => p.PerHour);
    }

    public IReadOnlyList<ArrivalRatePoint> Points { get; }

    public TimeOnly Opening => Points[0].At;

    public TimeOnly Closing => Points[^1].At;

    /// <summary>From opening to closing.</summary>
    public TimeSpan Length => Closing - Opening;

    public double PeakPerHour { get; }

    /// <summary>
    /// A township hall's morning: a trickle at 9:00, a peak around 10:00 that outruns four counters
    /// for a while, falling off towards the lunch close at 12:00 (about 80 people).
    /// </summary>
    public static ArrivalProfile MorningPeak() => new(
    [
        new(new TimeOnly(9, 0), 10),
        new(new TimeOnly(10, 0), 45),
        new(new TimeOnly(11, 30), 15),
        new(new TimeOnly(12, 0), 5),
    ]);

    /// <summary>The rate (arrivals per hour) at <paramref name="sinceOpening"/>; zero outside the session.</summary>
    public double RatePerHourAt(TimeSpan sinceOpening)
    {
        if (sinceOpening < TimeSpan.Zero || sinceOpening > Length)
        {
            return 0;
        }

        var at = Opening.Add(sinceOpening);
        for (var i = 1; i < Points.Count; i++)
        {
            if (at <= Points[i].At)
            {
                var a = Points[i - 1];
                var b = Points[i];
                var fraction = (at - a.At) / (b.At - a.At);
                return a.PerHour + ((b.PerHour - a.PerHour) * fraction);
            }
        }

        return Points[^1].PerHour;
    }

    /// <summary>How many people the session brings on average (the area under the rate).</summary>
    public double ExpectedArrivals()
    {
        var total = 0.0;
        for (var i = 1; i < Points.Count; i++)
        {
            total += (Points[i - 1].PerHour + Points[i].PerHour) / 2 * (Points[i].At - Points[i - 1].At).TotalHours;
        }

        return total;
    }
}
