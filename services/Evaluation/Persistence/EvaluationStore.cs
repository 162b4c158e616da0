using System.Globalization;
using System.Text.Json;
using Hall.Evaluation.Domain;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.Evaluation.Persistence;

/// <summary>Reads and writes the evaluation tables. Writes run inside the single writer's transaction.</summary>
internal static class EvaluationStore
{
    private const string WindowColumns = "service_id, ticket_no, counter, staff_id, staff_name, service_item, case_number, finished_at, until, state, rating_id, closed_at, village";

    public static WorkingCalendar LoadCalendar(SqliteConnection connection)
    {
        var holidays = new List<DateOnly>();
        var workdays = new List<DateOnly>();
        using var command = Command(connection, null, "SELECT day, kind FROM evaluation_calendar");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            (reader.GetString(1) == "workday" ? workdays : holidays).Add(day);
        }

        return new WorkingCalendar(holidays, workdays);
    }

    /// <summary>The calendar replaced by the county's (inside the configuration's apply).</summary>
    public static void ReplaceCalendar(SqliteTransaction tx, IEnumerable<(DateOnly Day, string Kind, string Name)> days, string source)
    {
        using (var delete = Command(tx.Connection!, tx, "DELETE FROM evaluation_calendar"))
        {
            delete.ExecuteNonQuery();
        }

        foreach (var (day, kind, name) in days)
        {
            using var insert = Command(tx.Connection!, tx, "INSERT INTO evaluation_calendar(day, kind, name, source) VALUES ($p0, $p1, $p2, $p3)",
                day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind, name, source);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The service items replaced by the county's catalogue (inside the configuration's apply).</summary>
    public static void ReplaceServiceItems(SqliteTransaction tx, IEnumerable<ServiceItem> items)
    {
        using (var delete = Command(tx.Connection!, tx, "DELETE FROM evaluation_service_items"))
        {
            delete.ExecuteNonQuery();
        }

        foreach (var item in items)
        {
            using var insert = Command(tx.Connection!, tx, "INSERT INTO evaluation_service_items(code, name, department, category) VALUES ($p0, $p1, $p2, $p3)",
                item.Code, item.Name, item.Department, item.Category);
            insert.ExecuteNonQuery();
        }
    }

    public static Dictionary<string, ServiceItem> LoadServiceItems(SqliteConnection connection)
    {
        var items = new Dictionary<string, ServiceItem>(StringComparer.Ordinal);
        using var command = Command(connection, null, "SELECT code, name, department, category FROM evaluation_service_items");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var item = new ServiceItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            items[item.Code] = item;
        }

        return items;
    }

    public static RatingWindow? FindWindow(SqliteConnection connection, SqliteTransaction? tx, string serviceId) =>
        ReadWindows(Command(connection, tx, $"SELECT {WindowColumns} FROM evaluation_windows WHERE service_id = $p0", serviceId)).FirstOrDefault();

    /// <summary>The latest service of this ticket number (numbers restart each day, so the latest is today's).</summary>
    public static RatingWindow? LatestWindow(SqliteConnection connection, SqliteTransaction? tx, string ticketNo) =>
        ReadWindows(Command(connection, tx, $"SELECT {WindowColumns} FROM evaluation_windows WHERE ticket_no = $p0 ORDER BY finished_ms DESC LIMIT 1", ticketNo)).FirstOrDefault();

    /// <summary>The latest service at the counter that still takes a rating at <paramref name="now"/>.</summary>
    public static RatingWindow? LatestOpenWindow(SqliteConnection connection, SqliteTransaction? tx, string counter, DateTimeOffset now) =>
        ReadWindows(Command(connection, tx, $"SELECT {WindowColumns} FROM evaluation_windows WHERE state = 'open' AND counter = $p0 AND until_ms >= $p1 ORDER BY finished_ms DESC LIMIT 1", counter, now.ToUnixTimeMilliseconds())).FirstOrDefault();

    public static IReadOnlyList<RatingWindow> OpenWindows(SqliteConnection connection, DateTimeOffset now) =>
        ReadWindows(Command(connection, null, $"SELECT {WindowColumns} FROM evaluation_windows WHERE state = 'open' AND until_ms >= $p0 ORDER BY finished_ms", now.ToUnixTimeMilliseconds()));

    public static IReadOnlyList<RatingWindow> ExpiredWindows(SqliteConnection connection, SqliteTransaction tx, DateTimeOffset now) =>
        ReadWindows(Command(connection, tx, $"SELECT {WindowColumns} FROM evaluation_windows WHERE state = 'open' AND until_ms < $p0 ORDER BY finished_ms", now.ToUnixTimeMilliseconds()));

    /// <summary>Stores a new window; false when the service already has one (a repeated finish event).</summary>
    public static bool InsertWindow(SqliteTransaction tx, RatingWindow window)
    {
        using var command = Command(
            tx.Connection!,
            tx,
            """
            INSERT INTO evaluation_windows(service_id, ticket_no, counter, staff_id, staff_name, service_item, case_number, finished_at, finished_ms, until, until_ms, state, village)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, 'open', $p11)
            ON CONFLICT(service_id) DO NOTHING
            """,
            window.ServiceId,
            window.TicketNo,
            window.Counter,
            window.StaffId,
            window.StaffName,
            window.ServiceItem,
            window.CaseNumber,
            Iso(window.FinishedAt),
            window.FinishedAt.ToUnixTimeMilliseconds(),
            Iso(window.Until),
            window.Until.ToUnixTimeMilliseconds(),
            window.Village);
        return command.ExecuteNonQuery() == 1;
    }

    public static void CloseWindow(SqliteTransaction tx, string serviceId, RatingWindowState state, string? ratingId, DateTimeOffset at)
    {
        using var command = Command(
            tx.Connection!,
            tx,
            "UPDATE evaluation_windows SET state = $p0, rating_id = $p1, closed_at = $p2 WHERE service_id = $p3",
            StateText(state),
            ratingId,
            Iso(at),
            serviceId);
        command.ExecuteNonQuery();
    }

    public static void InsertRating(SqliteTransaction tx, RatingRecord rating, string? personName, string? personPhone, string? comment)
    {
        using var command = Command(
            tx.Connection!,
            tx,
            """
            INSERT INTO evaluation_ratings(rating_id, service_id, ticket_no, counter, staff_id, staff_name, service_item, level, reasons, comment,
                channel, on_behalf_by, person_name, person_phone, rated_at, case_id, rerating_of)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16)
            """,
            rating.RatingId,
            rating.ServiceId,
            rating.TicketNo,
            rating.Counter,
            rating.StaffId,
            rating.StaffName,
            rating.ServiceItem,
            rating.Level,
            JsonSerializer.Serialize(rating.Reasons),
            comment,
            rating.Channel,
            rating.OnBehalfBy,
            personName,
            personPhone,
            Iso(rating.Ts),
            rating.CaseId,
            rating.ReRatingOf);
        command.ExecuteNonQuery();
    }

    public static void SaveCase(SqliteTransaction tx, BadReviewCase @case)
    {
        using var command = Command(
            tx.Connection!,
            tx,
            """
            INSERT INTO evaluation_cases(case_id, state, counter, opened_ms, data) VALUES ($p0, $p1, $p2, $p3, $p4)
            ON CONFLICT(case_id) DO UPDATE SET state = excluded.state, data = excluded.data
            """,
            @case.CaseId,
            HallJson.SerializeToString(@case.State).Trim('"'),
            @case.Counter,
            @case.OpenedAt.ToUnixTimeMilliseconds(),
            HallJson.SerializeToString(@case));
        command.ExecuteNonQuery();
    }

    public static BadReviewCase? FindCase(SqliteConnection connection, SqliteTransaction? tx, string caseId) =>
        ReadCases(Command(connection, tx, "SELECT data FROM evaluation_cases WHERE case_id = $p0", caseId)).FirstOrDefault();

    /// <summary>Cases still waiting for a call-back or a rectification: the ones with deadlines to watch.</summary>
    public static IReadOnlyList<BadReviewCase> CasesWithDeadlines(SqliteConnection connection, SqliteTransaction tx) =>
        ReadCases(Command(connection, tx, "SELECT data FROM evaluation_cases WHERE state IN ('open', 'called-back') ORDER BY opened_ms"));

    public static IReadOnlyList<BadReviewCase> AllCases(SqliteConnection connection) =>
        ReadCases(Command(connection, null, "SELECT data FROM evaluation_cases ORDER BY opened_ms DESC"));

    /// <summary>The clear name and phone of a rating (real-name rating only), for the call-back.</summary>
    public static (string? Name, string? Phone) Contact(SqliteConnection connection, SqliteTransaction tx, string ratingId)
    {
        using var command = Command(connection, tx, "SELECT person_name, person_phone FROM evaluation_ratings WHERE rating_id = $p0", ratingId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : (null, null);
    }

    public static string StateText(RatingWindowState state) => state switch
    {
        RatingWindowState.Rated => "rated",
        RatingWindowState.TimedOut => "timed-out",
        _ => "open",
    };

    private static RatingWindowState WindowState(string text) => text switch
    {
        "rated" => RatingWindowState.Rated,
        "timed-out" => RatingWindowState.TimedOut,
        _ => RatingWindowState.Open,
    };

    private static List<RatingWindow> ReadWindows(SqliteCommand command)
    {
        using (command)
        {
            using var reader = command.ExecuteReader();
            var list = new List<RatingWindow>();
            while (reader.Read())
            {
                list.Add(new RatingWindow
                {
                    ServiceId = reader.GetString(0),
                    TicketNo = reader.GetString(1),
                    Counter = reader.GetString(2),
                    StaffId = Text(reader, 3),
                    StaffName = Text(reader, 4),
                    ServiceItem = Text(reader, 5),
                    CaseNumber = Text(reader, 6),
                    FinishedAt = DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                    Until = DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                    State = WindowState(reader.GetString(9)),
                    RatingId = Text(reader, 10),
                    ClosedAt = Text(reader, 11) is { } closed ? DateTimeOffset.Parse(closed, CultureInfo.InvariantCulture) : null,
                    Village = Text(reader, 12),
                });
            }

            return list;
        }
    }

    private static List<BadReviewCase> ReadCases(SqliteCommand command)
    {
        using (command)
        {
            using var reader = command.ExecuteReader();
            var list = new List<BadReviewCase>();
            while (reader.Read())
            {
                list.Add(JsonSerializer.Deserialize<BadReviewCase>(reader.GetString(0), HallJson.Options)!);
            }

            return list;
        }
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params object?[] values)
    {
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = "$p" + i.ToString(CultureInfo.InvariantCulture);
        }

        var command = PreparedStatements.Create(connection, sql, names);
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }
}
