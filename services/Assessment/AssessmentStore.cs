using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Assessment;

/// <summary>SQL over the assessment's own tables. Writes run inside the writer's transaction.</summary>
internal static class AssessmentStore
{
    private const string Columns = """
        id, day, ticket_no, category, wait_from, counter, counter_name, staff_id, staff_name, called_at, ended_at,
        outcome, rating_state, rating_level, case_id, case_state, case_overdue, rerating_level
        """;

    public static void InsertLeg(SqliteTransaction tx, DateOnly day, string ticketNo, string category, DateTimeOffset? issuedAt, DateTimeOffset? waitFrom, string outcome)
    {
        Execute(
            tx,
            "INSERT INTO assessment_services(day, ticket_no, category, issued_at, wait_from, outcome) VALUES ($day, $t, $c, $i, $w, $o)",
            ("$day", Day(day)),
            ("$t", ticketNo),
            ("$c", category),
            ("$i", Time(issuedAt)),
            ("$w", Time(waitFrom)),
            ("$o", outcome));
    }

    /// <summary>The latest leg of the ticket in one of <paramref name="outcomes"/>, at <paramref name="counter"/> when given.</summary>
    public static long? Latest(SqliteTransaction tx, string ticketNo, string? counter, params string[] outcomes)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        var names = outcomes.Select((_, i) => "$o" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        command.CommandText = $"SELECT id FROM assessment_services WHERE ticket_no = $t {(counter is null ? "" : "AND counter = $counter")} AND outcome IN ({string.Join(", ", names)}) ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$t", ticketNo);
        if (counter is not null)
        {
            command.Parameters.AddWithValue("$counter", counter);
        }

        for (var i = 0; i < outcomes.Length; i++)
        {
            command.Parameters.AddWithValue(names[i], outcomes[i]);
        }

        return command.ExecuteScalar() is long id ? id : null;
    }

    public static (string Day, string Category, string? IssuedAt) Leg(SqliteTransaction tx, long id)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT day, category, issued_at FROM assessment_services WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Runs an update and marks the days it touched as changed, so a closed day is sent again.</summary>
    public static int Update(SqliteTransaction tx, string set, string where, params (string Name, object? Value)[] parameters)
    {
        var changed = Execute(tx, $"UPDATE assessment_services SET {set} WHERE {where}", parameters);
        if (changed > 0)
        {
            Execute(tx, $"UPDATE assessment_days SET dirty = 1 WHERE day IN (SELECT day FROM assessment_services WHERE {where})", parameters);
        }

        return changed;
    }

    public static List<ServiceFact> Facts(SqliteConnection connection, SqliteTransaction? tx, DateOnly from, DateOnly to)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT {Columns} FROM assessment_services WHERE day BETWEEN $from AND $to ORDER BY id";
        command.Parameters.AddWithValue("$from", Day(from));
        command.Parameters.AddWithValue("$to", Day(to));
        using var reader = command.ExecuteReader();
        var facts = new List<ServiceFact>();
        while (reader.Read())
        {
            facts.Add(new ServiceFact
            {
                Day = DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                TicketNo = reader.GetString(2),
                Category = reader.GetString(3),
                WaitFrom = ParseTime(reader, 4),
                Counter = Text(reader, 5),
                CounterName = Text(reader, 6),
                StaffId = Text(reader, 7),
                StaffName = Text(reader, 8),
                CalledAt = ParseTime(reader, 9),
                EndedAt = ParseTime(reader, 10),
                Outcome = reader.GetString(11) switch
                {
                    "called" => ServiceOutcome.Called,
                    "served" => ServiceOutcome.Served,
                    "no-show" => ServiceOutcome.NoShow,
                    "transferred" => ServiceOutcome.Transferred,
                    _ => ServiceOutcome.Waiting,
                },
                NotRated = Text(reader, 12) == "not-rated",
                RatingLevel = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                CaseId = Text(reader, 14),
                CaseState = Text(reader, 15),
                CaseOverdue = reader.GetInt64(16) != 0,
                ReRatingLevel = reader.IsDBNull(17) ? null : reader.GetInt32(17),
            });
        }

        return facts;
    }

    /// <summary>
    /// Records an absence unless one at the same counter with the same start is there already (the same event delivered
    /// again), and marks its day as changed if that day was sent. Returns whether it was new.
    /// </summary>
    public static bool InsertAbsence(SqliteTransaction tx, AbsenceFact absence)
    {
        var added = Execute(
            tx,
            """
            INSERT INTO assessment_absences(counter, started_at, ended_at, day, staff_id, staff_name)
            VALUES ($counter, $start, $end, $day, $staff, $name) ON CONFLICT(counter, started_at) DO NOTHING
            """,
            ("$counter", absence.Counter),
            ("$start", Time(absence.Start)),
            ("$end", Time(absence.End)),
            ("$day", Day(absence.Day)),
            ("$staff", absence.StaffId),
            ("$name", absence.StaffName));
        if (added > 0)
        {
            Execute(tx, "UPDATE assessment_days SET dirty = 1 WHERE day = $day", ("$day", Day(absence.Day)));
        }

        return added > 0;
    }

    public static List<AbsenceFact> Absences(SqliteConnection connection, SqliteTransaction? tx, DateOnly from, DateOnly to)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            SELECT day, counter, staff_id, staff_name, started_at, ended_at FROM assessment_absences
            WHERE day BETWEEN $from AND $to ORDER BY day, started_at, counter
            """;
        command.Parameters.AddWithValue("$from", Day(from));
        command.Parameters.AddWithValue("$to", Day(to));
        using var reader = command.ExecuteReader();
        var absences = new List<AbsenceFact>();
        while (reader.Read())
        {
            absences.Add(new AbsenceFact
            {
                Day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Counter = reader.GetString(1),
                StaffId = Text(reader, 2),
                StaffName = Text(reader, 3),
                Start = ParseTime(reader, 4)!.Value,
                End = ParseTime(reader, 5)!.Value,
            });
        }

        return absences;
    }

    /// <summary>Days with facts or absences that were never sent, and sent days whose facts changed since: (day, last revision).</summary>
    public static List<(DateOnly Day, int Revision)> DaysToSend(SqliteTransaction tx, DateOnly before)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            SELECT s.day, COALESCE(d.revision, 0)
            FROM (SELECT day FROM assessment_services WHERE day < $before UNION SELECT day FROM assessment_absences WHERE day < $before) s
            LEFT JOIN assessment_days d ON d.day = s.day
            WHERE d.day IS NULL OR d.dirty = 1
            ORDER BY s.day
            """;
        command.Parameters.AddWithValue("$before", Day(before));
        using var reader = command.ExecuteReader();
        var days = new List<(DateOnly, int)>();
        while (reader.Read())
        {
            days.Add((DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt32(1)));
        }

        return days;
    }

    public static void MarkSent(SqliteTransaction tx, DateOnly day, int revision, DateTimeOffset now)
    {
        Execute(
            tx,
            "INSERT INTO assessment_days(day, revision, sent_at, dirty) VALUES ($d, $r, $s, 0) ON CONFLICT(day) DO UPDATE SET revision = $r, sent_at = $s, dirty = 0",
            ("$d", Day(day)),
            ("$r", revision),
            ("$s", Time(now)));
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture);

    private static int Execute(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? ParseTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
