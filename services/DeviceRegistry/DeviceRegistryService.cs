using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hall.Contract;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.DeviceRegistry;

/// <summary>
/// Enrolled devices and their secrets. The provisioning CLI and the admin page enroll through it;
/// the broker asks it who a connecting client is. It reads the table on every connect, so a
/// device enrolled or revoked by the CLI while the box runs takes effect at its next connect.
/// </summary>
public sealed partial class DeviceRegistryService
{
    private const int SecretBytes = 24;
    private readonly HallDatabase _database;
    private readonly TimeProvider _time;

    public DeviceRegistryService(HallDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>
    /// Enrolls a device, or with <paramref name="replace"/> gives an existing one new credentials
    /// (a replaced unit in the field: the old secret stops working at once).
    /// </summary>
    public DeviceCredentials Enroll(string deviceId, DeviceRole role, string? counter, bool replace = false, string? note = null)
    {
        Validate(deviceId, role, counter);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Hash(salt, secret);
        var now = _time.GetUtcNow();

        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        var existing = Find(connection, tx, deviceId);
        if (existing is not null && !replace)
        {
            throw new EnrollmentException(ErrorCodes.DeviceExists, $"Device '{deviceId}' is already enrolled. Use --replace to give it new credentials.");
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO devices(device_id, role, counter, secret_salt, secret_hash, enrolled_at, revoked_at, note)
                VALUES ($id, $role, $counter, $salt, $hash, $at, NULL, $note)
                ON CONFLICT(device_id) DO UPDATE SET role = $role, counter = $counter, secret_salt = $salt,
                    secret_hash = $hash, enrolled_at = $at, revoked_at = NULL, note = $note
                """;
            command.Parameters.AddWithValue("$id", deviceId);
            command.Parameters.AddWithValue("$role", RoleName(role));
            command.Parameters.AddWithValue("$counter", (object?)counter ?? DBNull.Value);
            command.Parameters.AddWithValue("$salt", salt);
            command.Parameters.AddWithValue("$hash", hash);
            command.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
            command.ExecuteNonQuery();
        }

        Outbox.Append(tx, "DeviceEnrolled", HallJson.SerializeToString(new { ts = now, deviceId, role = RoleName(role), counter, replaced = existing is not null }), now);
        tx.Commit();
        return new DeviceCredentials(deviceId, RoleName(role), counter, deviceId, secret);
    }

    /// <summary>Revokes a device: it can no longer connect. Returns false when there is no such device.</summary>
    public bool Revoke(string deviceId)
    {
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE devices SET revoked_at = $at WHERE device_id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
        var changed = command.ExecuteNonQuery() == 1;
        if (changed)
        {
            Outbox.Append(tx, "DeviceRevoked", HallJson.SerializeToString(new { ts = now, deviceId }), now);
        }

        tx.Commit();
        return changed;
    }

    /// <summary>Who the client is, or null for an unknown, revoked or wrong-secret client.</summary>
    public DeviceIdentity? Authenticate(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, counter, secret_salt, secret_hash FROM devices WHERE device_id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", username);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var salt = (byte[])reader["secret_salt"];
        var stored = (byte[])reader["secret_hash"];
        if (!CryptographicOperations.FixedTimeEquals(stored, Hash(salt, password)))
        {
            return null;
        }

        return new DeviceIdentity(username, ParseRole(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public IReadOnlyList<DeviceRecord> List()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, role, counter, enrolled_at, revoked_at, note FROM devices ORDER BY device_id";
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
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return list;
    }

    public static string RoleName(DeviceRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? text, out DeviceRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    private static DeviceRole ParseRole(string text) => Enum.Parse<DeviceRole>(text, ignoreCase: true);

    private static void Validate(string deviceId, DeviceRole role, string? counter)
    {
        if (string.IsNullOrEmpty(deviceId) || !DeviceIdPattern().IsMatch(deviceId))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, $"Device id '{deviceId}' is not valid: use 2–63 lowercase letters, digits or '-', starting with a letter or digit (e.g. kiosk-1, caller-3).");
        }

        var needsCounter = role is DeviceRole.Caller or DeviceRole.Evaluator;
        if (needsCounter && string.IsNullOrEmpty(counter))
        {
            throw new EnrollmentException(ErrorCodes.MissingField, $"A {RoleName(role)} is bound to one counter: give --counter.");
        }

        if (role == DeviceRole.Kiosk && !string.IsNullOrEmpty(counter))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, "A kiosk serves the whole hall and takes no counter.");
        }

        if (counter is not null && !CounterPattern().IsMatch(counter))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, $"Counter '{counter}' is not valid: use 1–16 letters, digits or '-'.");
        }
    }

    private static byte[] Hash(byte[] salt, string secret)
    {
        // Secrets are 192 random bits, so a salted SHA-256 is enough and keeps connect cheap for 200 devices.
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(secret)];
        salt.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(secret, 0, secret.Length, bytes, salt.Length);
        return SHA256.HashData(bytes);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Find(SqliteConnection connection, SqliteTransaction tx, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT role FROM devices WHERE device_id = $id";
        command.Parameters.AddWithValue("$id", deviceId);
        return command.ExecuteScalar() as string;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex CounterPattern();
}
