using System.Globalization;
using Hall.Contract;
using Microsoft.Data.Sqlite;

namespace Hall.DeviceRegistry;

/// <summary>
/// The devices table: fixed SQL statements, values as parameters. <see cref="DeviceRegistryService"/> decides
/// (ids, roles, secrets, the outbox) and owns the transaction; this only reads and writes rows.
/// </summary>
internal static class DeviceStore
{
    private const string SelectRole = "SELECT role FROM devices WHERE device_id = $id";

    private const string Upsert = """
        INSERT INTO devices(device_id, role, counter, secret_salt, secret_hash, enrolled_at, revoked_at, note, village)
        VALUES ($id, $role, $counter, $salt, $hash, $at, NULL, $note, $village)
        ON CONFLICT(device_id) DO UPDATE SET role = $role, counter = $counter, secret_salt = $salt,
            secret_hash = $hash, enrolled_at = $at, revoked_at = NULL, note = $note, village = $village,
            web = 0, setup_hash = NULL, setup_expires_at = NULL
        """;

    private const string RevokeActive = "UPDATE devices SET revoked_at = $at, setup_hash = NULL WHERE device_id = $id AND revoked_at IS NULL";

    private const string SelectActiveSecret = "SELECT role, counter, secret_salt, secret_hash, village FROM devices WHERE device_id = $id AND revoked_at IS NULL AND web = 0";

    private const string SelectChangeMark = "SELECT generation FROM device_changes WHERE id = 1";

    private const string SelectActiveHashes = "SELECT device_id, secret_hash FROM devices WHERE revoked_at IS NULL";

    // Device ids are [a-z0-9-], so the prefix test needs no escaping; substr keeps it exact (LIKE ignores case).
    private const string SelectIdsOwning = "SELECT device_id FROM devices WHERE device_id = $c OR substr($c, 1, length(device_id) + 1) = device_id || '-'";

    private const string SelectAll = "SELECT device_id, role, counter, enrolled_at, revoked_at, note, village, web, setup_hash IS NOT NULL FROM devices ORDER BY device_id";

    /// <summary>The device's role as stored, or null when it was never enrolled.</summary>
    public static string? FindRole(SqliteConnection connection, SqliteTransaction tx, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SelectRole;
        command.Parameters.AddWithValue("$id", deviceId);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Writes the device's row, replacing an earlier one (and lifting its revocation).</summary>
    public static void Save(SqliteConnection connection, SqliteTransaction tx, string deviceId, string role, string? counter, byte[] salt, byte[] hash, DateTimeOffset at, string? note, string? village)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Upsert;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$counter", (object?)counter ?? DBNull.Value);
        command.Parameters.AddWithValue("$salt", salt);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$at", Text(at));
        command.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
        command.Parameters.AddWithValue("$village", (object?)village ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Marks an enrolled, not yet revoked device revoked; false when there is none.</summary>
    public static bool Revoke(SqliteConnection connection, SqliteTransaction tx, string deviceId, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = RevokeActive;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$at", Text(at));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>A device that may connect: its role, counter and secret hash; null when unknown or revoked.</summary>
    public static (DeviceRole Role, string? Counter, byte[] Salt, byte[] Hash, string? Village)? FindActive(SqliteConnection connection, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectActiveSecret;
        command.Parameters.AddWithValue("$id", deviceId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return (ParseRole(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), (byte[])reader["secret_salt"], (byte[])reader["secret_hash"], reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    /// <summary>The devices table's change mark, bumped by its triggers on every insert, update and delete.</summary>
    public static long ChangeMark(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectChangeMark;
        return command.ExecuteScalar() is long mark ? mark : 0;
    }

    public static IReadOnlyList<(string DeviceId, byte[] Hash)> ActiveHashes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectActiveHashes;
        using var reader = command.ExecuteReader();
        var list = new List<(string, byte[])>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), (byte[])reader["secret_hash"]));
        }

        return list;
    }

    /// <summary>Enrolled ids (revoked ones too) that <paramref name="clientId"/> equals or starts with followed by '-'.</summary>
    public static IReadOnlyList<string> IdsOwning(SqliteConnection connection, string clientId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectIdsOwning;
        command.Parameters.AddWithValue("$c", clientId);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    public static IReadOnlyList<DeviceRecord> List(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectAll;
        using var reader = command.ExecuteReader();
        var list = new List<DeviceRecord>();
        while (reader.Read())
        {
            list.Add(new DeviceRecord(
                reader.GetString(0),
                ParseRole(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                Village = reader.IsDBNull(6) ? null : reader.GetString(6),
                Web = reader.GetInt64(7) != 0,
                SetupPending = reader.GetInt64(8) != 0,
            });
        }

        return list;
    }

    private static DeviceRole ParseRole(string text) => Enum.Parse<DeviceRole>(text, ignoreCase: true);

    private static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
