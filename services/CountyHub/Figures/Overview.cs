using System.Data.Common;
using System.Globalization;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Figures;

/// <summary>
/// The 全县总览: every enrolled hall (even one never heard from) with its sync age and today's figures, each in the
/// hall's own day, from the fact tables the ingest writes (Ingest/FactWriter.cs). One plain aggregate per fact table over
/// all halls, grouped by hall, on that table's (hall_day, box_id) index, all in one read transaction so the figures are
/// of one moment; halls in another time zone (another today) get their own round. The same text runs on SQLite and
/// PostgreSQL. Measured against one statement joining a list of halls to every table: that was 2–3× slower on SQLite
/// (docs/benchmarks.md).
/// </summary>
public sealed class Overview
{
    private readonly HubDatabase _database;
    private readonly HubOptions _options;
    private readonly TimeProvider _time;

    public Overview(HubDatabase database, IOptions<HubOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options.Value;
        _time = time;
    }

    /// <summary>
    /// The overview's statements, each with one row per hall: <c>box_id</c> and its figures. Parameters: <c>@now</c> (a
    /// time), <c>@yes</c> (true), <c>@today</c> (yyyy-MM-dd), <c>@week</c> (the Monday of that week), and <c>@only</c> (a
    /// township user's hall) when <paramref name="oneHall"/>. Open alerts and open cases do not depend on the day.
    /// </summary>
    public static OverviewStatements Sql(SqlDialect dialect, bool oneHall)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        string Only(string alias) => oneHall ? $" AND {alias}.box_id = @only" : string.Empty;
        var wait = dialect.SecondsBetween("COALESCE(t.called_at, @now)", "t.issued_at");
        return new OverviewStatements(
            // an alert is open when the newest row of its key (type and subject) says active; "later.at >= a.at" lets the
            // probe seek alerts_by_key from a.at and stop at the first later row
            OpenAlerts: $"""
                SELECT a.box_id, COUNT(*) FROM alerts a
                WHERE a.active = @yes{Only("a")} AND NOT EXISTS (
                    SELECT 1 FROM alerts later WHERE later.box_id = a.box_id AND later.alert_key = a.alert_key
                    AND later.at >= a.at AND (later.at > a.at OR later.seq > a.seq))
                GROUP BY a.box_id
                """,
            Tickets: $"""
                SELECT t.box_id, COUNT(*),
                    SUM(CASE WHEN t.issued_at IS NOT NULL AND t.called_at IS NULL AND t.outcome IS NULL THEN 1 ELSE 0 END),
                    MAX(CASE WHEN t.issued_at IS NOT NULL THEN {wait} END)
                FROM tickets t WHERE t.hall_day = @today{Only("t")}
                GROUP BY t.box_id
                """,
            // 满意率 as the box's assessment: levels 3–5 over every rating given; not-rated windows apart
            Ratings: $"""
                SELECT r.box_id, COUNT(*), SUM(CASE WHEN r.level >= 3 THEN 1 ELSE 0 END)
                FROM ratings r WHERE r.hall_day = @today AND r.result = 'rated' AND r.level IS NOT NULL{Only("r")}
                GROUP BY r.box_id
                """,
            // overdue as the box decides it: not called back by callback_due, or not rectified by rectify_due
            Cases: $"""
                SELECT c.box_id, COUNT(*),
                    SUM(CASE WHEN c.state IN ('open', 'called-back') AND ((c.state = 'open' AND c.callback_due < @now) OR c.rectify_due < @now OR c.overdue = @yes)
                        THEN 1 ELSE 0 END)
                FROM bad_review_cases c WHERE c.state NOT IN ('closed', 'appeal-accepted'){Only("c")}
                GROUP BY c.box_id
                """,
            Verdicts: $"""
                SELECT v.box_id, SUM(CASE WHEN v.verdict = 'passed' THEN 1 ELSE 0 END), SUM(CASE WHEN v.verdict = 'passed' THEN 0 ELSE 1 END)
                FROM inspection_verdicts v WHERE v.hall_day >= @week AND v.hall_day <= @today{Only("v")}
                GROUP BY v.box_id
                """,
            Absences: $"""
                SELECT ab.box_id, COUNT(*), SUM(ab.seconds)
                FROM absences ab WHERE ab.hall_day = @today{Only("ab")}
                GROUP BY ab.box_id
                """);
    }

    /// <summary>Every hall <paramref name="viewer"/> may see, ordered by box id; a township user gets its one hall.</summary>
    public async Task<IReadOnlyList<HallOverview>> ReadAsync(HubUser viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var now = _time.GetUtcNow();
        var d = _database.Dialect;
        await using var connection = await _database.OpenAsync(cancellationToken);
        // A reader: deferred on SQLite, so the overview never waits for (or holds up) the ingest's write lock.
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, d);

        var halls = new List<HallOverview>();
        await s.QueryAsync(
            "SELECT box_id, hall_name, time_zone, last_contact_at, revoked_at, backlog FROM boxes ORDER BY box_id",
            r =>
            {
                var boxId = r.GetString(0);
                if (!viewer.CanSee(boxId))
                {
                    return;
                }

                var lastContact = d.ReadTimeOrNull(r, 3);
                var age = lastContact is { } at ? Math.Max(0, (now - at).TotalSeconds) : (double?)null;
                halls.Add(new HallOverview
                {
                    BoxId = boxId,
                    HallName = r.IsDBNull(1) ? boxId : r.GetString(1),
                    Today = HallDays.Text(HallDays.Today(HallDays.Zone(r.IsDBNull(2) ? null : r.GetString(2), _options.DefaultTimeZone), now)),
                    LastContactAt = lastContact,
                    SyncAgeSeconds = age,
                    Silent = age is null || age > _options.SilentAfter.TotalSeconds,
                    Revoked = !r.IsDBNull(4),
                    Backlog = r.IsDBNull(5) ? null : Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture),
                });
            },
            cancellationToken);
        if (halls.Count == 0)
        {
            return halls;
        }

        var only = viewer.OnlyBox;
        var sql = Sql(d, oneHall: only is not null);
        var byId = halls.ToDictionary(h => h.BoxId, StringComparer.Ordinal);
        var common = new List<(string, object?)> { ("@now", d.TimeValue(now)), ("@yes", true) };
        if (only is not null)
        {
            common.Add(("@only", only));
        }

        // Rows of halls the viewer may not see, or of another today than the hall's own, are passed over.
        void Each(string boxId, Func<HallOverview, HallOverview> change)
        {
            if (byId.TryGetValue(boxId, out var hall))
            {
                byId[boxId] = change(hall);
            }
        }

        await s.QueryAsync(sql.OpenAlerts, r => Each(r.GetString(0), h => h with { OpenAlerts = Int(r, 1) }), cancellationToken, [.. common]);
        await s.QueryAsync(sql.Cases, r => Each(r.GetString(0), h => h with { OpenCases = Int(r, 1), OverdueCases = Int(r, 2) }), cancellationToken, [.. common]);
        foreach (var day in halls.Select(h => h.Today).Distinct(StringComparer.Ordinal))
        {
            var today = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            (string, object?)[] parameters = [.. common, ("@today", day), ("@week", HallDays.Text(HallDays.WeekStart(today)))];
            void OfDay(DbDataReader r, Func<HallOverview, HallOverview> change) => Each(r.GetString(0), h => h.Today == day ? change(h) : h);
            await s.QueryAsync(sql.Tickets, r => OfDay(r, h => h with
            {
                TicketsToday = Int(r, 1),
                WaitingNow = Int(r, 2),
                LongestWaitSeconds = r.IsDBNull(3) ? null : Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture),
            }), cancellationToken, parameters);
            await s.QueryAsync(sql.Ratings, r => OfDay(r, h => h with { RatedToday = Int(r, 1), SatisfiedToday = Int(r, 2) }), cancellationToken, parameters);
            await s.QueryAsync(sql.Verdicts, r => OfDay(r, h => h with { InspectionsPassedThisWeek = Int(r, 1), InspectionsFailedThisWeek = Int(r, 2) }), cancellationToken, parameters);
            await s.QueryAsync(sql.Absences, r => OfDay(r, h => h with
            {
                AbsencesToday = Int(r, 1),
                AbsenceSecondsToday = r.IsDBNull(2) ? 0 : Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture),
            }), cancellationToken, parameters);
        }

        return [.. halls.Select(h => byId[h.BoxId])];
    }

    private static int Int(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : Convert.ToInt32(r.GetValue(ordinal), CultureInfo.InvariantCulture);
}

/// <summary>The overview's statements (<see cref="Overview.Sql"/>), one per fact table.</summary>
public sealed record OverviewStatements(string OpenAlerts, string Tickets, string Ratings, string Cases, string Verdicts, string Absences);
