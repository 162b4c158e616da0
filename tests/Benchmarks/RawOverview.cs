using System.Data.Common;
using System.Globalization;
using Hall.CountyHub.Figures;
using Hall.CountyHub.Storage;

namespace Hall.Benchmarks;

/// <summary>
/// The peer of the 全县总览 (hubweb's <see cref="Overview"/>): the same figures of every hall's today written by hand, one
/// plain aggregate per figure over all halls, grouped by hall; the halls' days and the Monday come from the caller.
/// </summary>
internal static class RawOverview
{
    public static async Task<Dictionary<string, string>> ReadAsync(HubDatabase database, DateTimeOffset now, string today, string weekStart, CancellationToken ct)
    {
        var d = database.Dialect;
        var rows = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var longest = new Dictionary<string, double?>(StringComparer.Ordinal);
        var absent = new Dictionary<string, double>(StringComparer.Ordinal);
        long[] Of(string box) => rows.TryGetValue(box, out var r) ? r : rows[box] = new long[10];
        await using var connection = await database.OpenAsync(ct);

        await QueryAsync(connection, "SELECT box_id FROM boxes", r => Of(r.GetString(0)), d, now, today, weekStart, ct);
        await QueryAsync(connection, """
            SELECT box_id, SUM(CASE WHEN active = @yes THEN 1 ELSE 0 END) FROM (
                SELECT box_id, active, ROW_NUMBER() OVER (PARTITION BY box_id, alert_key ORDER BY at DESC, seq DESC) AS rn FROM alerts) newest
            WHERE rn = 1 GROUP BY box_id
            """, r => Of(r.GetString(0))[0] = L(r, 1), d, now, today, weekStart, ct);
        await QueryAsync(connection, $"""
            SELECT box_id, COUNT(*), SUM(CASE WHEN issued_at IS NOT NULL AND called_at IS NULL AND outcome IS NULL THEN 1 ELSE 0 END),
                MAX(CASE WHEN issued_at IS NOT NULL THEN {d.SecondsBetween("COALESCE(called_at, @now)", "issued_at")} END)
            FROM tickets WHERE hall_day = @today GROUP BY box_id
            """, r =>
            {
                var x = Of(r.GetString(0));
                x[1] = L(r, 1);
                x[2] = L(r, 2);
                longest[r.GetString(0)] = r.IsDBNull(3) ? null : Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture);
            }, d, now, today, weekStart, ct);
        await QueryAsync(connection, """
            SELECT box_id, COUNT(*), SUM(CASE WHEN level >= 3 THEN 1 ELSE 0 END) FROM ratings
            WHERE hall_day = @today AND result = 'rated' AND level IS NOT NULL GROUP BY box_id
            """, r => (Of(r.GetString(0))[3], Of(r.GetString(0))[4]) = (L(r, 1), L(r, 2)), d, now, today, weekStart, ct);
        await QueryAsync(connection, """
            SELECT box_id, COUNT(*), SUM(CASE WHEN state IN ('open', 'called-back') AND ((state = 'open' AND callback_due < @now) OR rectify_due < @now OR overdue = @yes) THEN 1 ELSE 0 END)
            FROM bad_review_cases WHERE state NOT IN ('closed', 'appeal-accepted') GROUP BY box_id
            """, r => (Of(r.GetString(0))[5], Of(r.GetString(0))[6]) = (L(r, 1), L(r, 2)), d, now, today, weekStart, ct);
        await QueryAsync(connection, """
            SELECT box_id, SUM(CASE WHEN verdict = 'passed' THEN 1 ELSE 0 END), SUM(CASE WHEN verdict = 'passed' THEN 0 ELSE 1 END)
            FROM inspection_verdicts WHERE hall_day >= @week AND hall_day <= @today GROUP BY box_id
            """, r => (Of(r.GetString(0))[7], Of(r.GetString(0))[8]) = (L(r, 1), L(r, 2)), d, now, today, weekStart, ct);
        await QueryAsync(connection, "SELECT box_id, COUNT(*), SUM(seconds) FROM absences WHERE hall_day = @today GROUP BY box_id", r =>
        {
            Of(r.GetString(0))[9] = L(r, 1);
            absent[r.GetString(0)] = r.IsDBNull(2) ? 0 : Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture);
        }, d, now, today, weekStart, ct);

        return rows.ToDictionary(
            r => r.Key,
            r => Line(r.Value, longest.GetValueOrDefault(r.Key), absent.GetValueOrDefault(r.Key)),
            StringComparer.Ordinal);
    }

    /// <summary>The same figures from the hub's overview, written the same way.</summary>
    public static Dictionary<string, string> Of(IEnumerable<HallOverview> halls) => halls.ToDictionary(
        h => h.BoxId,
        h => Line([h.OpenAlerts, h.TicketsToday, h.WaitingNow, h.RatedToday, h.SatisfiedToday, h.OpenCases, h.OverdueCases, h.InspectionsPassedThisWeek, h.InspectionsFailedThisWeek, h.AbsencesToday], h.LongestWaitSeconds, h.AbsenceSecondsToday),
        StringComparer.Ordinal);

    public static string? Differ(Dictionary<string, string> hub, Dictionary<string, string> raw)
    {
        foreach (var key in hub.Keys.Union(raw.Keys).Order(StringComparer.Ordinal))
        {
            if (hub.GetValueOrDefault(key) != raw.GetValueOrDefault(key))
            {
                return $"{key}: hub {hub.GetValueOrDefault(key)} ≠ raw {raw.GetValueOrDefault(key)}";
            }
        }

        return null;
    }

    private static string Line(long[] n, double? longest, double absent) =>
        string.Join(' ', n.Select(x => x.ToString(CultureInfo.InvariantCulture))) + string.Create(CultureInfo.InvariantCulture, $" longest {longest:F0} absent {absent:F0}");

    private static async Task QueryAsync(DbConnection connection, string sql, Action<DbDataReader> row, SqlDialect d, DateTimeOffset now, string today, string week, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@now", d.TimeValue(now));
        Add(command, "@yes", true);
        Add(command, "@today", today);
        Add(command, "@week", week);
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
}
