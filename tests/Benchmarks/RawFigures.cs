using System.Data.Common;
using System.Globalization;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Storage;

namespace Hall.Benchmarks;

/// <summary>
/// The peer of the hub's figure queries: SQL written by hand for each question, one aggregate per table and per grouping,
/// every figure (mean, 90th percentile, 满意率's parts, on-time cases) computed in the database. PostgreSQL takes the
/// percentile from <c>percentile_disc</c>; SQLite, which has none, from a window of row numbers.
/// </summary>
internal sealed class RawFigures
{
    private const string Late = "(c.overdue OR c.data LIKE '%OverdueAlerted\":true%')";
    private const string Counted = "r.result = 'rated' AND r.level BETWEEN 1 AND 5 AND COALESCE(c.state, '') <> 'appeal-accepted'";

    private readonly HubDatabase _database;

    public RawFigures(HubDatabase database)
    {
        _database = database;
    }

    private bool Postgres => _database.Engine == DatabaseEngine.Postgres;

    public async Task<Dictionary<string, FigureCheck>> HallMonthAsync(string box, FigurePeriod month, CancellationToken ct)
    {
        var previous = month.PreviousMonth();
        await using var connection = await _database.OpenAsync(ct);
        var days = await SetAsync(connection, "r.hall_day", "r.box_id = @box AND r.hall_day >= @from AND r.hall_day <= @to", month, box, ct);
        var checks = days.ToDictionary(d => "day " + d.Key, d => d.Value);
        checks["month"] = (await SetAsync(connection, "SUBSTR(r.hall_day, 1, 7)", "r.box_id = @box AND r.hall_day >= @from AND r.hall_day <= @to", month, box, ct)).Values.SingleOrDefault() ?? Empty;
        checks["previous"] = (await SetAsync(connection, "SUBSTR(r.hall_day, 1, 7)", "r.box_id = @box AND r.hall_day >= @from AND r.hall_day <= @to", previous, box, ct)).Values.SingleOrDefault() ?? Empty;
        return checks;
    }

    public async Task<Dictionary<string, FigureCheck>> CountyMonthAsync(FigurePeriod month, CancellationToken ct)
    {
        const string InMonth = "r.hall_day >= @from AND r.hall_day <= @to";
        await using var connection = await _database.OpenAsync(ct);
        var checks = new Dictionary<string, FigureCheck>(StringComparer.Ordinal);
        foreach (var (day, check) in await SetAsync(connection, "r.hall_day", InMonth, month, null, ct))
        {
            checks["day " + day] = check;
        }

        foreach (var (hall, check) in await SetAsync(connection, "r.box_id", InMonth, month, null, ct))
        {
            checks["hall " + hall] = check;
        }

        foreach (var (hall, check) in await SetAsync(connection, "r.box_id", InMonth, month.PreviousMonth(), null, ct))
        {
            checks["previous " + hall] = check;
        }

        checks["county"] = (await SetAsync(connection, "SUBSTR(r.hall_day, 1, 7)", InMonth, month, null, ct)).Values.SingleOrDefault() ?? Empty;
        return checks;
    }

    private static FigureCheck Empty => new(0, 0, 0, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The figures grouped by <paramref name="key"/> (an expression over the alias r) where <paramref name="where"/> holds.</summary>
    private async Task<Dictionary<string, FigureCheck>> SetAsync(DbConnection connection, string key, string where, FigurePeriod period, string? box, CancellationToken ct)
    {
        var tickets = new Dictionary<string, (long Issued, long Skipped)>(StringComparer.Ordinal);
        var services = new Dictionary<string, (long Served, double? Wait, double? Longest, double? P90, double? Service)>(StringComparer.Ordinal);
        var ratings = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var absences = new Dictionary<string, (long Count, double Seconds)>(StringComparer.Ordinal);

        await QueryAsync(connection, $"""
            SELECT {key}, SUM(CASE WHEN r.issued_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN r.outcome = 'skipped' THEN 1 ELSE 0 END)
            FROM tickets r WHERE {where} GROUP BY {key}
            """, period, box, x => tickets[x.GetString(0)] = (L(x, 1), L(x, 2)), ct);

        var servicesSql = Postgres
            ? $"""
                SELECT {key}, COUNT(*), AVG(r.waited_seconds) FILTER (WHERE r.waited_seconds >= 0), MAX(r.waited_seconds) FILTER (WHERE r.waited_seconds >= 0),
                    percentile_disc(0.9) WITHIN GROUP (ORDER BY FLOOR(r.waited_seconds)) FILTER (WHERE r.waited_seconds >= 0), AVG(r.service_seconds)
                FROM services r WHERE {where} GROUP BY {key}
                """
            : $"""
                WITH s AS (SELECT {key} AS k, r.waited_seconds AS w, r.service_seconds AS v FROM services r WHERE {where}),
                ranked AS (SELECT k, CAST(w AS INTEGER) AS ws, ROW_NUMBER() OVER (PARTITION BY k ORDER BY w) AS rn, COUNT(*) OVER (PARTITION BY k) AS n FROM s WHERE w >= 0)
                SELECT a.k, a.served, a.wait, a.longest, p.p90, a.service FROM
                    (SELECT k, COUNT(*) AS served, AVG(CASE WHEN w >= 0 THEN w END) AS wait, MAX(CASE WHEN w >= 0 THEN w END) AS longest, AVG(v) AS service FROM s GROUP BY k) a
                    LEFT JOIN (SELECT k, MIN(ws) AS p90 FROM ranked WHERE rn >= 0.9 * n GROUP BY k) p ON p.k = a.k
                """;
        await QueryAsync(connection, servicesSql, period, box, x => services[x.GetString(0)] = (L(x, 1), D(x, 2), D(x, 3), D(x, 4), D(x, 5)), ct);

        await QueryAsync(connection, $"""
            SELECT {key},
                SUM(CASE WHEN {Counted} THEN 1 ELSE 0 END),
                SUM(CASE WHEN {Counted} AND r.level >= 3 THEN 1 ELSE 0 END),
                SUM(CASE WHEN r.result = 'not-rated' THEN 1 ELSE 0 END),
                SUM(CASE WHEN {Counted} AND r.level <= 2 THEN 1 ELSE 0 END),
                SUM(CASE WHEN {Counted} AND r.level <= 2 AND COALESCE(c.state, '') <> 'closed' THEN 1 ELSE 0 END),
                SUM(CASE WHEN {Counted} AND r.level <= 2 AND COALESCE(c.state, '') <> 'closed' AND c.overdue THEN 1 ELSE 0 END),
                SUM(CASE WHEN {Counted} AND r.level <= 2 THEN CASE WHEN {Late} THEN 0 ELSE 1 END ELSE 0 END),
                SUM(CASE WHEN r.result = 'rated' AND r.level BETWEEN 1 AND 5 AND c.state = 'appeal-accepted' THEN 1 ELSE 0 END)
            FROM ratings r LEFT JOIN bad_review_cases c ON c.box_id = r.box_id AND c.case_id = r.case_id
            WHERE {where} AND r.re_rating_of IS NULL GROUP BY {key}
            """, period, box, x => ratings[x.GetString(0)] = [.. Enumerable.Range(1, 8).Select(i => L(x, i))], ct);

        await QueryAsync(connection, $"SELECT {key}, COUNT(*), SUM(r.seconds) FROM absences r WHERE {where} GROUP BY {key}", period, box,
            x => absences[x.GetString(0)] = (L(x, 1), D(x, 2) ?? 0), ct);

        var result = new Dictionary<string, FigureCheck>(StringComparer.Ordinal);
        foreach (var k in tickets.Keys.Union(services.Keys).Union(ratings.Keys).Union(absences.Keys))
        {
            var t = tickets.GetValueOrDefault(k);
            var s = services.GetValueOrDefault(k);
            var r = ratings.GetValueOrDefault(k) ?? new long[8];
            var a = absences.GetValueOrDefault(k);
            result[k] = new FigureCheck(t.Issued, t.Skipped, s.Served, FigureCheck.Minutes(s.Wait), FigureCheck.Minutes(s.P90), FigureCheck.Minutes(s.Longest), FigureCheck.Minutes(s.Service),
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], a.Count, Math.Round(a.Seconds / 60, 1));
        }

        return result;
    }

    private static async Task QueryAsync(DbConnection connection, string sql, FigurePeriod period, string? box, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@from", period.FromText);
        Add(command, "@to", period.ToText);
        if (box is not null)
        {
            Add(command, "@box", box);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static long L(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static double? D(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}
