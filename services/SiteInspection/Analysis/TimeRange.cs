namespace Hall.SiteInspection.Analysis;

/// <summary>A stretch of the video, From inclusive, To exclusive.</summary>
internal readonly record struct TimeRange(TimeSpan From, TimeSpan To)
{
    public TimeSpan Duration => To - From;

    public bool Contains(TimeSpan t) => t >= From && t < To;

    public bool Overlaps(TimeRange other) => From < other.To && other.From < To;

    public static TimeRange FromSeconds(double from, double to) => new(TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(to));

    /// <summary>What is left of each range after removing every part covered by <paramref name="cut"/>.</summary>
    public static List<TimeRange> Subtract(IEnumerable<TimeRange> ranges, IReadOnlyCollection<TimeRange> cut)
    {
        var result = new List<TimeRange>();
        foreach (var range in ranges)
        {
            var pieces = new List<TimeRange> { range };
            foreach (var c in cut)
            {
                var next = new List<TimeRange>();
                foreach (var p in pieces)
                {
                    if (!p.Overlaps(c))
                    {
                        next.Add(p);
                        continue;
                    }

                    if (c.From > p.From)
                        next.Add(new TimeRange(p.From, c.From));
                    if (c.To < p.To)
                        next.Add(new TimeRange(c.To, p.To));
                }

                pieces = next;
            }

            result.AddRange(pieces);
        }

        return result;
    }
}
