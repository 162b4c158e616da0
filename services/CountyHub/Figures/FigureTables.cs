namespace Hall.CountyHub.Figures;

/// <summary>Turns the parts the queries read into the rows pages show: plain C#, no I/O.</summary>
public static class FigureTables
{
    public const string CountyName = "全县合计";

    /// <summary>
    /// One row per hall over the whole period (parts read with <see cref="FigureGrain.Whole"/>), every enrolled hall
    /// included, a silent one with zeros; and the county's row, which adds the parts (its P90 is the P90 of all waits).
    /// </summary>
    public static HallTable Halls(FigurePeriod period, IReadOnlyList<HallName> halls, IReadOnlyDictionary<(string Box, string Period), FigureParts> parts)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(halls);
        ArgumentNullException.ThrowIfNull(parts);
        var county = new FigureParts();
        var rows = new List<FigureRow>();
        var known = halls.ToDictionary(h => h.BoxId, h => h.Name, StringComparer.Ordinal);

        // A hall with facts but no enrolment row any more still counts (its figures stay).
        foreach (var box in parts.Keys.Select(k => k.Box).Where(b => !known.ContainsKey(b)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            known[box] = box;
        }

        foreach (var (box, name) in known.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var hall = new FigureParts();
            foreach (var (key, part) in parts)
            {
                if (string.Equals(key.Box, box, StringComparison.Ordinal))
                {
                    hall.Add(part);
                }
            }

            county.Add(hall);
            rows.Add(hall.ToRow(box, name, period.Label));
        }

        return new HallTable(period.Label, period.FromText, period.ToText, rows, county.ToRow(FigureParts.CountyKey, CountyName, period.Label));
    }

    /// <summary>
    /// One row per day or month of <paramref name="period"/> (each one present, an empty one with zeros), adding up every
    /// hall in <paramref name="parts"/>: one hall's series when the parts were read for one box, else the county's.
    /// </summary>
    public static IReadOnlyList<FigureRow> Series(FigurePeriod period, FigureGrain grain, string boxId, string name, IReadOnlyDictionary<(string Box, string Period), FigureParts> parts)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(parts);
        var byPeriod = new Dictionary<string, FigureParts>(StringComparer.Ordinal);
        foreach (var (key, part) in parts)
        {
            if (!byPeriod.TryGetValue(key.Period, out var sum))
            {
                sum = new FigureParts();
                byPeriod[key.Period] = sum;
            }

            sum.Add(part);
        }

        return [.. Labels(period, grain).Select(label => (byPeriod.GetValueOrDefault(label) ?? new FigureParts()).ToRow(boxId, name, label))];
    }

    /// <summary>Every day or every month of the period, in order.</summary>
    public static IEnumerable<string> Labels(FigurePeriod period, FigureGrain grain)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (grain == FigureGrain.Whole)
        {
            yield return string.Empty;
            yield break;
        }

        if (grain == FigureGrain.Day)
        {
            for (var day = period.From; day <= period.To; day = day.AddDays(1))
            {
                yield return FigurePeriod.Day(day);
            }

            yield break;
        }

        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            yield return FigurePeriod.MonthLabel(month);
        }
    }
}
