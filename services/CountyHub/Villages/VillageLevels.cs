using Hall.CountyHub.Figures;

namespace Hall.CountyHub.Villages;

/// <summary>
/// Puts the three levels together from parts keyed by (box, village id; "" for the township hall's own). Plain C#: a
/// hall is the sum of its own counters and its villages, the county the sum of its halls, so the levels always add up.
/// </summary>
public static class VillageLevels
{
    public const string CountyName = "全县";

    public const string TownshipName = "本中心";

    public static ThreeLevels Build(
        FigurePeriod period,
        IReadOnlyList<HallName> halls,
        IReadOnlyList<VillagePointRecord> points,
        IReadOnlyDictionary<(string Box, string Village), FigureParts> parts)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(halls);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(parts);
        var label = period.Label;
        var county = new FigureParts();
        var rows = new List<HallLevels>();
        foreach (var hall in halls)
        {
            var whole = new FigureParts();
            var own = parts.GetValueOrDefault((hall.BoxId, string.Empty)) ?? new FigureParts();
            whole.Add(own);
            var villages = new List<VillageFigure>();
            var listed = points.Where(p => p.BoxId == hall.BoxId).ToDictionary(p => p.VillageId, StringComparer.Ordinal);
            var seen = parts.Keys.Where(k => k.Box == hall.BoxId && k.Village.Length > 0).Select(k => k.Village);
            foreach (var id in listed.Keys.Union(seen, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var part = parts.GetValueOrDefault((hall.BoxId, id)) ?? new FigureParts();
                whole.Add(part);

                // A retired point with nothing in the period has nothing to show.
                if (listed.TryGetValue(id, out var point) && !point.Active && !parts.ContainsKey((hall.BoxId, id)))
                {
                    continue;
                }

                villages.Add(point is null
                    ? new VillageFigure(id, id, Active: true, Listed: false, [], part.ToRow(hall.BoxId, hall.Name, label))
                    : new VillageFigure(id, point.Name, point.Active, Listed: true, point.Items, part.ToRow(hall.BoxId, hall.Name, label)));
            }

            county.Add(whole);
            rows.Add(new HallLevels(hall.BoxId, hall.Name, whole.ToRow(hall.BoxId, hall.Name, label), own.ToRow(hall.BoxId, TownshipName, label), villages));
        }

        return new ThreeLevels(label, county.ToRow(FigureParts.CountyKey, CountyName, label), rows);
    }
}
