using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.CounterMonitor.Rules;

/// <summary>
/// Recorded absences, in the monitor_absences table: fixed SQL statements, values as parameters. Times are stored
/// hall-local, with the hall-local day they started on.
/// </summary>
internal static class AbsenceStore
{
    private const string Insert = """
        INSERT INTO monitor_absences(counter, staff_id, staff_name, day, started_at, ended_at, seconds)
        VALUES ($counter, $staff, $name, $day, $start, $end, $seconds)
        """;

    private const string SelectBetween = "SELECT counter, staff_id, staff_name, started_at, ended_at FROM monitor_absences WHERE day BETWEEN $from AND $to ORDER BY started_at";

    /// <summary>Records a finished absence inside the caller's transaction.</summary>
    public static void Add(SqliteTransaction transaction, AbsenceRecord absence, HallClock clock)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        command.Parameters.AddWithValue("$counter", absence.Counter);
        command.Parameters.AddWithValue("$staff", (object?)absence.StaffId ?? DBNull.Value);
        command.Parameters.AddWithValue("$name", (object?)absence.StaffName ?? DBNull.Value);
        command.Parameters.AddWithValue("$day", clock.Day(absence.Start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$start", clock.Local(absence.Start).ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$end", clock.Local(absence.End).ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$seconds", absence.Duration.TotalSeconds);
        command.ExecuteNonQuery();
    }

    /// <summary>Absences that started between two hall-local days (inclusive), in the order they started.</summary>
    public static IReadOnlyList<AbsenceRecord> Between(SqliteConnection connection, DateOnly from, DateOnly to)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectBetween;
        command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        var list = new List<AbsenceRecord>();
        while (reader.Read())
        {
            list.Add(new AbsenceRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return list;
    }
}
