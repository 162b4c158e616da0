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

    private const string SelectFacts = $"SELECT {Columns} FROM assessment_services WHERE day BETWEEN $from AND $to ORDER BY id";

    private const string LatestLeg = "SELECT id FROM assessment_services WHERE ticket_no = $t AND outcome IN ($o1, $o2) ORDER BY id DESC LIMIT 1";

    private const string LatestLegAtCounter = "SELECT id FROM assessment_services WHERE ticket_no = $t AND counter = $counter AND outcome IN ($o1, $o2) ORDER BY id DESC LIMIT 1";

    private const string SetCalled = "UPDATE assessment_services SET counter = $counter, counter_name = $name, staff_id = $staff, called_at = $at, outcome = 'called' WHERE id = $id";

    private const string SetLegCounter = "UPDATE assessment_services SET counter = $counter WHERE id = $id";

    private const string SetServed = """
        UPDATE assessment_services SET staff_id = COALESCE($staff, staff_id), staff_name = COALESCE($name, staff_name), called_at = $called,
            ended_at = $ended, outcome = 'served', rating_state = COALESCE(rating_state, 'pending')
        WHERE id = $id
        """;

    private const string SetNoShow = "UPDATE assessment_services SET outcome = 'no-show', ended_at = $at WHERE id = $id";

    private const string SetTransferred = "UPDATE assessment_services SET outcome = 'transferred', ended_at = $at WHERE id = $id";

    private const string SetRated = """
        UPDATE assessment_services SET rating_state = 'rated', rating_level = $level, rating_id = $rating, case_id = $case,
            case_state = CASE WHEN $case IS NULL THEN NULL ELSE 'open' END
        WHERE id = $id AND rating_level IS NULL
        """;

    private const string SetNotRated = "UPDATE assessment_services SET rating_state = 'not-rated' WHERE id = $id AND rating_level IS NULL";

    private const string SetReRated = "UPDATE assessment_services SET rerating_level = $level WHERE case_id = $case";

    private const string SetCaseState = "UPDATE assessment_services SET case_state = $state, case_overdue = $overdue WHERE case_id = $case";

    // Each update's days, found by the same condition as the update (run after it, as it always was).
    private const string MarkDayOfLeg = "UPDATE assessment_days SET dirty = 1 WHERE day IN (SELECT day FROM assessment_services WHERE id = $id)";

    private const string MarkDayOfUnratedLeg = "UPDATE assessment_days SET dirty = 1 WHERE day IN (SELECT day FROM assessment_services WHERE id = $id AND rating_level IS NULL)";

    private const string MarkDayOfCase = "UPDATE assessment_days SET dirty = 1 WHERE day IN (SELECT day FROM assessment_services WHERE case_id = $case)";

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

    /// <summary>
    /// The latest leg of the ticket with outcome <paramref name="outcome"/> (or <paramref name="orOutcome"/>), at
    /// <paramref name="counter"/> when given.
    /// </summary>
    public static long? Latest(SqliteTransaction tx, string ticketNo, string? counter, string outcome, string? orOutcome = null)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = counter is null ? LatestLeg : LatestLegAtCounter;
        command.Parameters.AddWithValue("$t", ticketNo);
        if (counter is not null)
        {
            command.Parameters.AddWithValue("$counter", counter);
        }

        command.Parameters.AddWithValue("$o1", outcome);
        command.Parameters.AddWithValue("$o2", orOutcome ?? outcome);
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

    /// <summary>The leg is called: counter, staff and call time.</summary>
    public static void Call(SqliteTransaction tx, long id, string counter, string? counterName, string? staffId, string? calledAt) =>
        Update(tx, SetCalled, MarkDayOfLeg, ("$id", id), ("$counter", counter), ("$name", counterName), ("$staff", staffId), ("$at", calledAt));

    /// <summary>The counter of a leg that was finished without a call seen.</summary>
    public static void SetCounter(SqliteTransaction tx, long id, string counter) =>
        Update(tx, SetLegCounter, MarkDayOfLeg, ("$id", id), ("$counter", counter));

    /// <summary>The leg is served; its rating is pending unless it came first.</summary>
    public static void Serve(SqliteTransaction tx, long id, string? staffId, string? staffName, string? calledAt, string? endedAt) =>
        Update(tx, SetServed, MarkDayOfLeg, ("$id", id), ("$staff", staffId), ("$name", staffName), ("$called", calledAt), ("$ended", endedAt));

    public static void NoShow(SqliteTransaction tx, long id, string? endedAt) =>
        Update(tx, SetNoShow, MarkDayOfLeg, ("$id", id), ("$at", endedAt));

    public static void Transfer(SqliteTransaction tx, long id, string? endedAt) =>
        Update(tx, SetTransferred, MarkDayOfLeg, ("$id", id), ("$at", endedAt));

    /// <summary>The first rating of a leg not rated yet; a level 1–2 rating opens its case.</summary>
    public static void Rate(SqliteTransaction tx, long id, int level, string? ratingId, string? caseId) =>
        Update(tx, SetRated, MarkDayOfUnratedLeg, ("$id", id), ("$level", level), ("$rating", ratingId), ("$case", caseId));

    /// <summary>The rating window closed on a leg not rated yet.</summary>
    public static void NotRated(SqliteTransaction tx, long id) =>
        Update(tx, SetNotRated, MarkDayOfUnratedLeg, ("$id", id));

    /// <summary>The level of the re-rating after a bad review's follow-up.</summary>
    public static void ReRate(SqliteTransaction tx, string caseId, int level) =>
        Update(tx, SetReRated, MarkDayOfCase, ("$case", caseId), ("$level", level));

    public static void SetCase(SqliteTransaction tx, string caseId, string state, bool overdue) =>
        Update(tx, SetCaseState, MarkDayOfCase, ("$case", caseId), ("$state", state), ("$overdue", overdue ? 1 : 0));

    public static List<ServiceFact> Facts(SqliteConnection connection, SqliteTransaction? tx, DateOnly from, DateOnly to)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SelectFacts;
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

    /// <summary>Runs an update and marks the days it touched as changed, so a closed day is sent again.</summary>
    private static void Update(SqliteTransaction tx, string update, string markDays, params (string Name, object? Value)[] parameters)
    {
        if (Execute(tx, update, parameters) > 0)
        {
            Execute(tx, markDays, parameters);
        }
    }

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
