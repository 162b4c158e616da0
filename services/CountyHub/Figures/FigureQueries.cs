using System.Data.Common;
using System.Globalization;
using Hall.CountyHub.Storage;
using static Hall.CountyHub.Storage.DbParameters;

namespace Hall.CountyHub.Figures;

/// <summary>
/// The figures per hall and period, read from the fact tables <see cref="Ingest.FactWriter"/> writes (one statement per
/// table, grouped by hall and period in the database), then added up in <see cref="FigureParts"/>. The same SQL text runs on
/// SQLite and PostgreSQL; only the whole-second cut of a wait differs (<see cref="WholeSeconds"/>).
/// </summary>
public sealed class FigureQueries
{
    private readonly HubDatabase _database;

    public FigureQueries(HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>
    /// The parts of every hall (or of <paramref name="boxId"/> only) in <paramref name="period"/>, cut by
    /// <paramref name="grain"/>: keyed by (box, period label: the day, the month, or "" for the whole span).
    /// </summary>
    public async Task<Dictionary<(string Box, string Period), FigureParts>> ReadAsync(FigurePeriod period, FigureGrain grain, string? boxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var parts = new Dictionary<(string, string), FigureParts>();
        FigureParts Of(DbDataReader r) => Part(parts, r.GetString(0), r.GetString(1));

        await using var connection = await _database.OpenAsync(cancellationToken);
        await QueryAsync(connection, Sql.Tickets(grain, boxId), period, boxId, r =>
            Of(r).AddTickets(r.IsDBNull(2) ? null : r.GetString(2), Long(r, 3), Long(r, 4)), cancellationToken);
        await QueryAsync(connection, Sql.Services(_database.Dialect, grain, boxId), period, boxId, r =>
            Of(r).AddServices(r.IsDBNull(2) ? null : Long(r, 2), Long(r, 3), Double(r, 4) ?? 0, Double(r, 5), Long(r, 6), Double(r, 7) ?? 0), cancellationToken);
        await QueryAsync(connection, Sql.Ratings(grain, boxId), period, boxId, r =>
            Of(r).AddRatings(r.GetString(2), r.IsDBNull(3) ? null : (int)Long(r, 3), r.GetString(4), Long(r, 5), Long(r, 6), Long(r, 7)), cancellationToken);
        await QueryAsync(connection, Sql.Absences(grain, boxId), period, boxId, r =>
            Of(r).AddAbsences(Long(r, 2), Double(r, 3) ?? 0), cancellationToken);
        return parts;
    }

    /// <summary>Every enrolled hall, revoked ones too (their figures stay), with the name its box last sent.</summary>
    public async Task<IReadOnlyList<HallName>> HallsAsync(string? boxId, CancellationToken cancellationToken)
    {
        var halls = new List<HallName>();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT box_id, hall_name FROM boxes" + (boxId is null ? string.Empty : " WHERE box_id = @box") + " ORDER BY box_id";
        if (boxId is not null)
        {
            Add(command, "@box", boxId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            halls.Add(new HallName(id, reader.IsDBNull(1) || string.IsNullOrWhiteSpace(reader.GetString(1)) ? id : reader.GetString(1)));
        }

        return halls;
    }

    private static FigureParts Part(Dictionary<(string, string), FigureParts> parts, string box, string period)
    {
        if (!parts.TryGetValue((box, period), out var part))
        {
            part = new FigureParts();
            parts[(box, period)] = part;
        }

        return part;
    }

    /// <summary>Runs one figure statement over a period (and a hall), a row at a time; the village figures use it too.</summary>
    internal static async Task QueryAsync(DbConnection connection, string sql, FigurePeriod period, string? boxId, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text is built from this class's constant fragments; values go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        Add(command, "@from", period.FromText);
        Add(command, "@to", period.ToText);
        if (boxId is not null)
        {
            Add(command, "@box", boxId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    internal static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    internal static double? Double(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>SQL for a wait cut down to whole seconds (waits are never fractions of a second apart in a percentile people read).</summary>
    public static string WholeSeconds(SqlDialect dialect, string expression)
    {
        ArgumentNullException.ThrowIfNull(dialect);

        // SQLite's CAST truncates, which is the floor for the non-negative waits that count; PostgreSQL's would round.
        return dialect.Engine == DatabaseEngine.Postgres ? $"FLOOR({expression})" : $"CAST({expression} AS INTEGER)";
    }

    /// <summary>The statements, one per fact table. Columns 0 and 1 are always the box and the period label.</summary>
    internal static class Sql
    {
        public static string Tickets(FigureGrain grain, string? box) => $"""
            SELECT box_id, {Period(grain, "hall_day")} AS period, category,
                SUM(CASE WHEN issued_at IS NOT NULL THEN 1 ELSE 0 END) AS issued,
                SUM(CASE WHEN outcome = 'skipped' THEN 1 ELSE 0 END) AS skipped
            FROM tickets
            WHERE hall_day >= @from AND hall_day <= @to{Box(box, "box_id")}
            GROUP BY box_id{GroupBy(grain, "hall_day")}, category
            """;

        // A negative wait (a clock set back between issue and call) goes in bucket -1, which FigureParts leaves out.
        public static string Services(SqlDialect dialect, FigureGrain grain, string? box) => $"""
            SELECT box_id, {Period(grain, "hall_day")} AS period, {WaitBucket(dialect)} AS wait_second,
                COUNT(*) AS served, SUM(waited_seconds) AS wait_sum, MAX(waited_seconds) AS wait_max,
                COUNT(service_seconds) AS service_count, SUM(service_seconds) AS service_sum
            FROM services
            WHERE hall_day >= @from AND hall_day <= @to{Box(box, "box_id")}
            GROUP BY box_id{GroupBy(grain, "hall_day")}, {WaitBucket(dialect)}
            """;

        // A re-rating after rectification does not replace the rating (the box judges the service as delivered). A case
        // went late when the box marked it overdue or alerted an overdue step (the flags in its last stored step).
        public static string Ratings(FigureGrain grain, string? box) => $"""
            SELECT r.box_id, {Period(grain, "r.hall_day")} AS period, r.result, r.level, COALESCE(c.state, '') AS case_state,
                COUNT(*) AS n,
                SUM(CASE WHEN c.overdue THEN 1 ELSE 0 END) AS overdue_now,
                SUM(CASE WHEN c.overdue OR c.data LIKE '%OverdueAlerted":true%' THEN 1 ELSE 0 END) AS late
            FROM ratings r LEFT JOIN bad_review_cases c ON c.box_id = r.box_id AND c.case_id = r.case_id
            WHERE r.hall_day >= @from AND r.hall_day <= @to AND r.re_rating_of IS NULL{Box(box, "r.box_id")}
            GROUP BY r.box_id{GroupBy(grain, "r.hall_day")}, r.result, r.level, COALESCE(c.state, '')
            """;

        public static string Absences(FigureGrain grain, string? box) => $"""
            SELECT box_id, {Period(grain, "hall_day")} AS period, COUNT(*) AS n, SUM(seconds) AS seconds
            FROM absences
            WHERE hall_day >= @from AND hall_day <= @to{Box(box, "box_id")}
            GROUP BY box_id{GroupBy(grain, "hall_day")}
            """;

        private static string WaitBucket(SqlDialect dialect) => $"CASE WHEN waited_seconds < 0 THEN -1 ELSE {WholeSeconds(dialect, "waited_seconds")} END";

        private static string Period(FigureGrain grain, string day) => grain switch
        {
            FigureGrain.Day => day,
            FigureGrain.Month => $"SUBSTR({day}, 1, 7)",
            _ => "''",
        };

        private static string GroupBy(FigureGrain grain, string day) => grain == FigureGrain.Whole ? string.Empty : ", " + Period(grain, day);

        private static string Box(string? box, string column) => box is null ? string.Empty : $" AND {column} = @box";
    }
}
