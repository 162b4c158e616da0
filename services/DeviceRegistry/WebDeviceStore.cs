using System.Globalization;
using Hall.Contract;
using Microsoft.Data.Sqlite;

namespace Hall.DeviceRegistry;

/// <summary>
/// The web devices' rows of the devices table: fixed statements, values as parameters. <see cref="DeviceRegistryService"/>
/// decides (codes, tokens, expiry) and owns the transaction; this only reads and writes.
/// </summary>
internal static class WebDeviceStore
{
    private const string Upsert = """
        INSERT INTO devices(device_id, role, counter, secret_salt, secret_hash, enrolled_at, revoked_at, note, village, web, setup_hash, setup_expires_at)
        VALUES ($id, $role, $counter, $salt, $hash, $at, NULL, $note, $village, 1, $setup, $expires)
        ON CONFLICT(device_id) DO UPDATE SET role = $role, counter = $counter, secret_salt = $salt, secret_hash = $hash,
            enrolled_at = $at, revoked_at = NULL, note = $note, village = $village, web = 1, setup_hash = $setup, setup_expires_at = $expires
        """;

    private const string SelectBySetup = """
        SELECT device_id, role, counter, village, setup_expires_at FROM devices
        WHERE setup_hash = $setup AND web = 1 AND revoked_at IS NULL
        """;

    private const string UseSetup = """
        UPDATE devices SET secret_salt = $salt, secret_hash = $hash, setup_hash = NULL, setup_expires_at = NULL
        WHERE device_id = $id AND setup_hash = $setup AND web = 1 AND revoked_at IS NULL
        """;

    private const string SelectActive = "SELECT role, counter, secret_salt, secret_hash, village FROM devices WHERE device_id = $id AND web = 1 AND revoked_at IS NULL";

    public static void Save(SqliteConnection connection, SqliteTransaction tx, WebDeviceRow row, byte[] setupHash, DateTimeOffset expires, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Upsert;
        command.Parameters.AddWithValue("$id", row.DeviceId);
        command.Parameters.AddWithValue("$role", row.Role);
        command.Parameters.AddWithValue("$counter", (object?)row.Counter ?? DBNull.Value);
        command.Parameters.AddWithValue("$salt", row.Salt);
        command.Parameters.AddWithValue("$hash", row.Hash);
        command.Parameters.AddWithValue("$at", Text(at));
        command.Parameters.AddWithValue("$note", (object?)row.Note ?? DBNull.Value);
        command.Parameters.AddWithValue("$village", (object?)row.Village ?? DBNull.Value);
        command.Parameters.AddWithValue("$setup", setupHash);
        command.Parameters.AddWithValue("$expires", Text(expires));
        command.ExecuteNonQuery();
    }

    /// <summary>The device an unused setup code belongs to, with when the code expires; null when none.</summary>
    public static (DeviceIdentity Device, DateTimeOffset Expires)? FindBySetup(SqliteConnection connection, SqliteTransaction tx, byte[] setupHash)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SelectBySetup;
        command.Parameters.AddWithValue("$setup", setupHash);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var device = new DeviceIdentity(reader.GetString(0), Enum.Parse<DeviceRole>(reader.GetString(1), ignoreCase: true), reader.IsDBNull(2) ? null : reader.GetString(2))
        {
            Village = reader.IsDBNull(3) ? null : reader.GetString(3),
        };
        return (device, DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture));
    }

    /// <summary>Uses the setup code: the device's token hash becomes the cookie's, the code is gone. False when it was used meanwhile.</summary>
    public static bool CompleteSetup(SqliteConnection connection, SqliteTransaction tx, string deviceId, byte[] setupHash, byte[] salt, byte[] hash)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = UseSetup;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$setup", setupHash);
        command.Parameters.AddWithValue("$salt", salt);
        command.Parameters.AddWithValue("$hash", hash);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>An enrolled, unrevoked web device with its token hash; null otherwise.</summary>
    public static (DeviceIdentity Device, byte[] Salt, byte[] Hash)? FindActive(SqliteConnection connection, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectActive;
        command.Parameters.AddWithValue("$id", deviceId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var device = new DeviceIdentity(deviceId, Enum.Parse<DeviceRole>(reader.GetString(0), ignoreCase: true), reader.IsDBNull(1) ? null : reader.GetString(1))
        {
            Village = reader.IsDBNull(4) ? null : reader.GetString(4),
        };
        return (device, (byte[])reader["secret_salt"], (byte[])reader["secret_hash"]);
    }

    private static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A web device's row as enrollment writes it.</summary>
internal sealed record WebDeviceRow(string DeviceId, string Role, string? Counter, byte[] Salt, byte[] Hash, string? Note, string? Village);
