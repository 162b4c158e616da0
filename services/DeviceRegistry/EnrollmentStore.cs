using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.DeviceRegistry;

/// <summary>
/// The field-enrollment tables: redeemed county tickets and replaced devices. Fixed SQL, values as parameters; the
/// registry owns the transaction and decides.
/// </summary>
internal static class EnrollmentStore
{
    private const string InsertTicket = "INSERT OR IGNORE INTO enrollment_tickets(ticket_id, device_id, redeemed_at) VALUES ($id, $device, $at)";

    private const string SelectDevice = "SELECT role, counter, note, village, revoked_at FROM devices WHERE device_id = $id";

    private const string UpsertReplacement = """
        INSERT INTO device_replacements(old_device_id, new_device_id, replaced_at) VALUES ($old, $new, $at)
        ON CONFLICT(old_device_id) DO UPDATE SET new_device_id = $new, replaced_at = $at
        """;

    private const string SelectReplacements = "SELECT old_device_id, new_device_id FROM device_replacements";

    /// <summary>Marks the ticket redeemed; false when it was redeemed before (nothing is written then).</summary>
    public static bool Redeem(SqliteConnection connection, SqliteTransaction tx, string ticketId, string deviceId, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = InsertTicket;
        command.Parameters.AddWithValue("$id", ticketId);
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>A device's row as enrolled (role name, counter, note, village, revoked or not); null when never enrolled.</summary>
    public static (string Role, string? Counter, string? Note, string? Village, bool Revoked)? Find(SqliteConnection connection, SqliteTransaction tx, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SelectDevice;
        command.Parameters.AddWithValue("$id", deviceId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return (reader.GetString(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), !reader.IsDBNull(4));
    }

    public static void Replaced(SqliteConnection connection, SqliteTransaction tx, string oldDeviceId, string newDeviceId, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = UpsertReplacement;
        command.Parameters.AddWithValue("$old", oldDeviceId);
        command.Parameters.AddWithValue("$new", newDeviceId);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>Old device id → the id that replaced it.</summary>
    public static Dictionary<string, string> Replacements(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectReplacements;
        using var reader = command.ExecuteReader();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            map[reader.GetString(0)] = reader.GetString(1);
        }

        return map;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
