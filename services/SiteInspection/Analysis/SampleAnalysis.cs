namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The checks made on what C# measured: blurred stretches (on the samples), repeated footage and splices (on the hash
/// track). Plain logic; frames inside a dark, over-exposed or frozen stretch (already reported as such) and flat frames
/// (nothing to judge) take no part.
/// </summary>
internal static class SampleAnalysis
{
    /// <summary>Stretches of consecutive usable samples below the blur threshold, at least the minimum long.</summary>
    public static List<TimeRange> Blurred(
        IReadOnlyList<FrameSample> samples, TimeSpan interval, IReadOnlyCollection<TimeRange> excluded, AnalysisOptions options)
    {
        var ranges = new List<TimeRange>();
        int? start = null;
        for (var i = 0; i <= samples.Count; i++)
        {
            var blurred = i < samples.Count
                && Usable(samples[i], excluded, options)
                && samples[i].Quality.Sharpness < options.BlurThreshold;
            if (blurred)
            {
                start ??= i;
                continue;
            }

            if (start is { } s)
            {
                var range = new TimeRange(samples[s].Time, samples[i - 1].Time + interval);
                if (range.Duration >= options.BlurMinDuration)
                    ranges.Add(range);
                start = null;
            }
        }

        return ranges;
    }

    /// <summary>
    /// Later stretches whose hashes match an earlier stretch sample by sample, in order, for at least the minimum
    /// duration, where the earlier stretch itself moves (a still shot seen twice is not a repeat). The later stretch is
    /// walked at the sample rate and compared with the earlier one at every offset of the hash track, so a copy matches
    /// whatever its phase against the sampling grid. Longest (then closest) matches win; each later stretch is
    /// reported once.
    /// </summary>
    public static List<RepeatMatch> Repeats(IReadOnlyList<FrameHash> track, IReadOnlyCollection<TimeRange> excluded, AnalysisOptions options)
    {
        var n = track.Count;
        var step = options.SampleStep;
        var frame = TimeSpan.FromSeconds(1 / options.AnalysisRate);
        var interval = frame * step;
        var minRun = Math.Max(2, (int)Math.Ceiling((options.RepeatMinDuration / interval) - 1e-9));
        var usable = track.Select(h => !h.Flat && !excluded.Any(r => r.Contains(h.Time))).ToArray();
        var hashes = track.Select(h => h.Hash).ToArray();
        var candidates = new List<Candidate>();

        // d: how many hash-track frames the later copy is behind the earlier one; at least the shortest repeat, so
        // that the two copies do not overlap. The later copy is walked at the sample rate, the earlier one at every
        // frame of the track, so a copy lines up within half a frame whatever its phase against the sampling grid.
        for (var d = minRun * step; d < n; d++)
        {
            int run = 0, distance = 0;
            for (var b = (d + step - 1) / step * step; ; b += step)
            {
                var match = b < n && usable[b] && usable[b - d]
                    && FrameMeasures.HammingDistance(hashes[b], hashes[b - d]) <= options.RepeatMaxDistance;
                if (match)
                {
                    run++;
                    distance += FrameMeasures.HammingDistance(hashes[b], hashes[b - d]);
                    continue;
                }

                if (run >= minRun)
                {
                    var first = b - (run * step);
                    if (Moves(hashes, usable, first - d, Math.Min(run * step, d), step, options.RepeatMinMotion))
                        candidates.Add(new Candidate(first - d, first, run, distance));
                }

                run = 0;
                distance = 0;
                if (b >= n)
                    break;
            }
        }

        bool Match(int later, int d) =>
            later - d >= 0 && later < n && usable[later] && usable[later - d]
            && FrameMeasures.HammingDistance(hashes[later], hashes[later - d]) <= options.RepeatMaxDistance;

        var taken = new List<TimeRange>();
        var matches = new List<RepeatMatch>();
        foreach (var c in candidates.OrderByDescending(c => c.Samples).ThenBy(c => c.Distance).ThenBy(c => c.Later))
        {
            // The run was found at the sample rate; its ends are placed to the frame of the hash track.
            var d = c.Later - c.Earlier;
            var first = c.Later;
            var last = c.Later + ((c.Samples - 1) * step);
            for (var k = 1; k < step && Match(first - 1, d); k++)
                first--;
            for (var k = 1; k < step && Match(last + 1, d); k++)
                last++;
            var later = new TimeRange(track[first].Time, track[last].Time + frame);
            if (taken.Any(t => t.Overlaps(later)))
                continue;
            taken.Add(later);
            // A copy that runs on longer than its distance to the original is footage looping: the original is one period.
            var earlierLength = Min(later.Duration, frame * d);
            matches.Add(new RepeatMatch(later, new TimeRange(track[first - d].Time, track[first - d].Time + earlierLength)));
        }

        return [.. matches.OrderBy(m => m.Later.From)];
    }

    /// <summary>
    /// Hard jumps between consecutive usable frames of the hash track inside an otherwise steady shot: the jump is
    /// large and the steps just before and just after are both small. A fast pan or a walk has large steps all around
    /// and is not reported; at 0.1 s apart ordinary camera motion moves a hash by a few bits, a cut by 25–40.
    /// </summary>
    public static List<TimeRange> Splices(IReadOnlyList<FrameHash> track, IReadOnlyCollection<TimeRange> excluded, AnalysisOptions options)
    {
        var usable = track.Select(h => !h.Flat && !excluded.Any(r => r.Contains(h.Time))).ToArray();
        var cuts = new List<TimeRange>();
        for (var k = 1; k + 2 < track.Count; k++)
        {
            if (!usable[k - 1] || !usable[k] || !usable[k + 1] || !usable[k + 2])
                continue;
            if (Distance(track[k], track[k + 1]) >= options.SpliceMinDistance
                && Distance(track[k - 1], track[k]) <= options.SpliceCalmDistance
                && Distance(track[k + 1], track[k + 2]) <= options.SpliceCalmDistance)
            {
                cuts.Add(new TimeRange(track[k].Time, track[k + 1].Time));
            }
        }

        return cuts;
    }

    /// <summary>Not flat, and not inside a stretch already reported as dark, over-exposed or frozen.</summary>
    public static bool Usable(FrameSample sample, IReadOnlyCollection<TimeRange> excluded, AnalysisOptions options) =>
        sample.Quality.LumaDeviation >= options.FlatDeviation && !excluded.Any(r => r.Contains(sample.Time));

    private static int Distance(FrameHash a, FrameHash b) => FrameMeasures.HammingDistance(a.Hash, b.Hash);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Whether the stretch changes: some sample of it at least <paramref name="minMotion"/> bits from its first.</summary>
    private static bool Moves(ulong[] hashes, bool[] usable, int start, int length, int step, int minMotion)
    {
        var first = hashes[start];
        for (var i = start + step; i < start + length; i += step)
        {
            if (usable[i] && FrameMeasures.HammingDistance(first, hashes[i]) >= minMotion)
                return true;
        }

        return false;
    }

    private readonly record struct Candidate(int Earlier, int Later, int Samples, int Distance);
}
