using System.Data.Common;
using System.Globalization;
using System.Text;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Figures;

/// <summary>
/// The 全县总览: every enrolled hall (even one never heard from) with its sync age and today's figures, each in the
/// hall's own day, from the fact tables the ingest writes (Ingest/FactWriter.cs). One statement for all halls: a small
/// <c>halls</c> list (box, its today, its Monday) joined to each fact table by its (box_id, hall_day) index, then
/// grouped; nothing is read per hall. The same text runs on SQLite and PostgreSQL (<see cref="Sql"/>).
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
    /// The overview query for <paramref name="halls"/> halls. Parameters: <c>@now</c> (a time), <c>@yes</c> (true), and per
    /// hall i <c>@b{i}</c> (box id), <c>@t{i}</c> (its today, yyyy-MM-dd), <c>@w{i}</c> (the Monday of its week). One row per
    /// hall: box_id, open_alerts, tickets, waiting, longest_wait, rated, satisfied, open_cases, overdue_cases, passed,
    /// failed, absences, absence_seconds (NULL where the hall has no such rows).
    /// </summary>
    public static string Sql(SqlDialect dialect, int halls)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentOutOfRangeException.ThrowIfLessThan(halls, 1);
        var values = new StringBuilder();
        for (var i = 0; i < halls; i++)
        {
            values.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@b{i}, @t{i}, @w{i})");
        }

        var wait = dialect.SecondsBetween("COALESCE(t.called_at, @now)", "t.issued_at");
        return $"""
            WITH halls(box_id, today, week_start) AS (VALUES {values}),
            open_alerts AS (
                -- an alert is open when the newest row of its key (type and subject) says active; "later.at >= a.at" lets
                -- the probe seek alerts_by_key from a.at and stop at the first later row
                SELECT a.box_id, COUNT(*) AS n FROM halls h JOIN alerts a ON a.box_id = h.box_id
                WHERE a.active = @yes AND NOT EXISTS (
                    SELECT 1 FROM alerts later WHERE later.box_id = a.box_id AND later.alert_key = a.alert_key
                    AND later.at >= a.at AND (later.at > a.at OR later.seq > a.seq))
                GROUP BY a.box_id),
            tickets_today AS (
                SELECT t.box_id, COUNT(*) AS tickets,
                    SUM(CASE WHEN t.issued_at IS NOT NULL AND t.called_at IS NULL AND t.outcome IS NULL THEN 1 ELSE 0 END) AS waiting,
                    MAX(CASE WHEN t.issued_at IS NOT NULL THEN {wait} END) AS longest_wait
                FROM halls h JOIN tickets t ON t.box_id = h.box_id AND t.hall_day = h.today
                GROUP BY t.box_id),
            ratings_today AS (
                -- 满意率 as the box's assessment: levels 3–5 over every rating given; not-rated windows apart
                SELECT r.box_id, COUNT(*) AS rated, SUM(CASE WHEN r.level >= 3 THEN 1 ELSE 0 END) AS satisfied
                FROM halls h JOIN ratings r ON r.box_id = h.box_id AND r.hall_day = h.today
                WHERE r.result = 'rated' AND r.level IS NOT NULL
                GROUP BY r.box_id),
            cases AS (
                -- overdue as the box decides it: not called back by callback_due, or not rectified by rectify_due
                SELECT c.box_id, COUNT(*) AS open_cases,
                    SUM(CASE WHEN c.state IN ('open', 'called-back') AND ((c.state = 'open' AND c.callback_due < @now) OR c.rectify_due < @now OR c.overdue = @yes)
                        THEN 1 ELSE 0 END) AS overdue_cases
                FROM halls h JOIN bad_review_cases c ON c.box_id = h.box_id
                WHERE c.state NOT IN ('closed', 'appeal-accepted')
                GROUP BY c.box_id),
            verdicts_week AS (
                SELECT v.box_id, SUM(CASE WHEN v.verdict = 'passed' THEN 1 ELSE 0 END) AS passed, SUM(CASE WHEN v.verdict = 'passed' THEN 0 ELSE 1 END) AS failed
                FROM halls h JOIN inspection_verdicts v ON v.box_id = h.box_id AND v.hall_day >= h.week_start AND v.hall_day <= h.today
                GROUP BY v.box_id),
            absences_today AS (
                SELECT ab.box_id, COUNT(*) AS absences, SUM(ab.seconds) AS absence_seconds
                FROM halls h JOIN absences ab ON ab.box_id = h.box_id AND ab.hall_day = h.today
                GROUP BY ab.box_id)
            SELECT h.box_id, oa.n, tt.tickets, tt.waiting, tt.longest_wait, rt.rated, rt.satisfied, c.open_cases, c.overdue_cases,
                vw.passed, vw.failed, abd.absences, abd.absence_seconds
            FROM halls h
            LEFT JOIN open_alerts oa ON oa.box_id = h.box_id
            LEFT JOIN tickets_today tt ON tt.box_id = h.box_id
            LEFT JOIN ratings_today rt ON rt.box_id = h.box_id
            LEFT JOIN cases c ON c.box_id = h.box_id
            LEFT JOIN verdicts_week vw ON vw.box_id = h.box_id
            LEFT JOIN absences_today abd ON abd.box_id = h.box_id
            """;
    }

    /// <summary>Every hall <paramref name="viewer"/> may see, ordered by box id; a township user gets its one hall.</summary>
    public async Task<IReadOnlyList<HallOverview>> ReadAsync(HubUser viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var now = _time.GetUtcNow();
        var d = _database.Dialect;
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
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

        var parameters = new List<(string, object?)> { ("@now", d.TimeValue(now)), ("@yes", true) };
        for (var i = 0; i < halls.Count; i++)
        {
            var today = DateOnly.ParseExact(halls[i].Today, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            parameters.Add(($"@b{i}", halls[i].BoxId));
            parameters.Add(($"@t{i}", halls[i].Today));
            parameters.Add(($"@w{i}", HallDays.Text(HallDays.WeekStart(today))));
        }

        var figures = new Dictionary<string, HallOverview>(StringComparer.Ordinal);
        var byId = halls.ToDictionary(h => h.BoxId, StringComparer.Ordinal);
        await s.QueryAsync(Sql(d, halls.Count), r =>
        {
            var hall = byId[r.GetString(0)];
            figures[hall.BoxId] = hall with
            {
                OpenAlerts = Int(r, 1),
                TicketsToday = Int(r, 2),
                WaitingNow = Int(r, 3),
                LongestWaitSeconds = r.IsDBNull(4) ? null : Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture),
                RatedToday = Int(r, 5),
                SatisfiedToday = Int(r, 6),
                OpenCases = Int(r, 7),
                OverdueCases = Int(r, 8),
                InspectionsPassedThisWeek = Int(r, 9),
                InspectionsFailedThisWeek = Int(r, 10),
                AbsencesToday = Int(r, 11),
                AbsenceSecondsToday = r.IsDBNull(12) ? 0 : Convert.ToDouble(r.GetValue(12), CultureInfo.InvariantCulture),
            };
        }, cancellationToken, [.. parameters]);
        return [.. halls.Select(h => figures.GetValueOrDefault(h.BoxId, h))];
    }

    private static int Int(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : Convert.ToInt32(r.GetValue(ordinal), CultureInfo.InvariantCulture);
}
