using System.Data.Common;
using System.Globalization;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Storage;
using static Hall.CountyHub.Figures.FigureQueries;

namespace Hall.CountyHub.Villages;

/// <summary>
/// The figures by village point: the same sums as <see cref="FigureQueries"/> (tickets, services and their waits, ratings
/// with their cases), grouped by hall and <c>village_id</c> instead of by period, then put together by
/// <see cref="VillageLevels"/>. Absences are per counter camera and stay with the hall.
/// </summary>
public sealed class VillageFigures
{
    private readonly HubDatabase _database;
    private readonly FigureQueries _figures;
    private readonly VillagePointDirectory _points;

    public VillageFigures(HubDatabase database, FigureQueries figures, VillagePointDirectory points)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _figures = figures;
        _points = points;
    }

    /// <summary>Every hall (or <paramref name="boxId"/> only) with its village points over <paramref name="period"/>.</summary>
    public async Task<ThreeLevels> ReadAsync(FigurePeriod period, string? boxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var halls = await _figures.HallsAsync(boxId, cancellationToken);
        var points = await _points.ListAsync(boxId, cancellationToken);
        return VillageLevels.Build(period, halls, points, await PartsAsync(period, boxId, cancellationToken));
    }

    /// <summary>The parts keyed by (box, village id), "" for the township hall's own counters.</summary>
    public async Task<Dictionary<(string Box, string Village), FigureParts>> PartsAsync(FigurePeriod period, string? boxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var parts = new Dictionary<(string, string), FigureParts>();
        FigureParts Of(DbDataReader r)
        {
            var key = (r.GetString(0), r.GetString(1));
            if (!parts.TryGetValue(key, out var part))
            {
                part = new FigureParts();
                parts[key] = part;
            }

            return part;
        }

        var box = boxId is null ? string.Empty : " AND {0} = @box";
        var whole = FigureQueries.WholeSeconds(_database.Dialect, "waited_seconds");
        await using var connection = await _database.OpenAsync(cancellationToken);
        await QueryAsync(connection, $"""
            SELECT box_id, COALESCE(village_id, '') AS village, category,
                SUM(CASE WHEN issued_at IS NOT NULL THEN 1 ELSE 0 END) AS issued,
                SUM(CASE WHEN outcome = 'skipped' THEN 1 ELSE 0 END) AS skipped
            FROM tickets
            WHERE hall_day >= @from AND hall_day <= @to{string.Format(CultureInfo.InvariantCulture, box, "box_id")}
            GROUP BY box_id, COALESCE(village_id, ''), category
            """, period, boxId, r => Of(r).AddTickets(r.IsDBNull(2) ? null : r.GetString(2), Long(r, 3), Long(r, 4)), cancellationToken);
        await QueryAsync(connection, $"""
            SELECT box_id, COALESCE(village_id, '') AS village, {whole} AS wait_second,
                COUNT(*) AS served, SUM(waited_seconds) AS wait_sum, MAX(waited_seconds) AS wait_max,
                COUNT(service_seconds) AS service_count, SUM(service_seconds) AS service_sum
            FROM services
            WHERE hall_day >= @from AND hall_day <= @to{string.Format(CultureInfo.InvariantCulture, box, "box_id")}
            GROUP BY box_id, COALESCE(village_id, ''), {whole}
            """, period, boxId, r => Of(r).AddServices(r.IsDBNull(2) ? null : Long(r, 2), Long(r, 3), Double(r, 4) ?? 0, Double(r, 5), Long(r, 6), Double(r, 7) ?? 0), cancellationToken);

        // As the county's figures: a re-rating does not replace the rating; a case went late when the box marked it so.
        await QueryAsync(connection, $"""
            SELECT r.box_id, COALESCE(r.village_id, '') AS village, r.result, r.level, COALESCE(c.state, '') AS case_state,
                COUNT(*) AS n,
                SUM(CASE WHEN c.overdue THEN 1 ELSE 0 END) AS overdue_now,
                SUM(CASE WHEN c.overdue OR c.data LIKE '%OverdueAlerted":true%' THEN 1 ELSE 0 END) AS late
            FROM ratings r LEFT JOIN bad_review_cases c ON c.box_id = r.box_id AND c.case_id = r.case_id
            WHERE r.hall_day >= @from AND r.hall_day <= @to AND r.re_rating_of IS NULL{string.Format(CultureInfo.InvariantCulture, box, "r.box_id")}
            GROUP BY r.box_id, COALESCE(r.village_id, ''), r.result, r.level, COALESCE(c.state, '')
            """, period, boxId, r => Of(r).AddRatings(r.GetString(2), r.IsDBNull(3) ? null : (int)Long(r, 3), r.GetString(4), Long(r, 5), Long(r, 6), Long(r, 7)), cancellationToken);
        return parts;
    }
}
