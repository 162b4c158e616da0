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
/// The rows are read and written by <see cref="DeviceStore"/>; this decides what goes in them.
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
    /// <param name="village">The village point the device serves (村级代办点), which must be one the box knows; null for the hall's own.</param>
    public DeviceCredentials Enroll(string deviceId, DeviceRole role, string? counter, bool replace = false, string? note = null, string? village = null)
    {
        Validate(deviceId, role, counter);
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var credentials = EnrollIn(connection, write.Transaction, deviceId, role, counter, replace, note, village);
        write.Transaction.Commit();
        OnChanged();
        return credentials;
    }

    /// <summary>The enrollment inside the caller's transaction (a ticket's redemption commits with it).</summary>
    private DeviceCredentials EnrollIn(SqliteConnection connection, SqliteTransaction tx, string deviceId, DeviceRole role, string? counter, bool replace, string? note, string? village)
    {
        village = string.IsNullOrWhiteSpace(village) ? null : village.Trim();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Hash(salt, secret);
        var now = _time.GetUtcNow();
        var existing = CheckEnrollment(connection, tx, deviceId, village, replace);
        DeviceStore.Save(connection, tx, deviceId, RoleName(role), counter, salt, hash, now, note, village);
        Outbox.Append(tx, "DeviceEnrolled", HallJson.SerializeToString(new { ts = now, deviceId, role = RoleName(role), counter, village, replaced = existing is not null }), now);
        return new DeviceCredentials(deviceId, RoleName(role), counter, deviceId, secret) { Village = village };
    }

    /// <summary>The village must be known and the id free (or <paramref name="replace"/>); returns the role the id had, if any.</summary>
    private static string? CheckEnrollment(SqliteConnection connection, SqliteTransaction tx, string deviceId, string? village, bool replace)
    {
        if (village is not null && !VillagePointStore.Exists(connection, tx, village))
        {
            var known = VillagePointStore.List(connection, tx).Select(v => $"{v.Id}({v.Name})").ToList();
            throw new EnrollmentException(ErrorCodes.UnknownVillage, known.Count == 0
                ? $"本盒子没有编号为 {village} 的村级代办点,也尚未收到任何代办点:请等县级中心下发代办点名单,或先用 hallctl village add 登记"
                : $"本盒子没有编号为 {village} 的村级代办点;已知的代办点:{string.Join("、", known)}");
        }

        var existing = DeviceStore.FindRole(connection, tx, deviceId);
        if (existing is not null && !replace)
        {
            throw new EnrollmentException(ErrorCodes.DeviceExists, $"设备 {deviceId} 已登记;要给这台设备新的密钥请加 --replace,换一台新设备请用 hallctl device replace");
        }

        return existing;
    }

    /// <summary>Revokes a device: it can no longer connect. Returns false when there is no such device.</summary>
    public bool Revoke(string deviceId)
    {
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        var changed = DeviceStore.Revoke(connection, tx, deviceId, now);
        if (changed)
        {
            Outbox.Append(tx, "DeviceRevoked", HallJson.SerializeToString(new { ts = now, deviceId }), now);
        }

        tx.Commit();
        if (changed)
        {
            OnChanged();
        }

        return changed;
    }

    /// <summary>Who the client is, or null for an unknown, revoked or wrong-secret client.</summary>
    public DeviceIdentity? Authenticate(string? username, string? password) => Login(username, password)?.Identity;

    public IReadOnlyList<DeviceRecord> List()
    {
        using var connection = _database.Open();
        var replaced = EnrollmentStore.Replacements(connection);
        return [.. DeviceStore.List(connection).Select(d => replaced.TryGetValue(d.DeviceId, out var by) ? d with { ReplacedBy = by } : d)];
    }

    public static string RoleName(DeviceRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? text, out DeviceRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    /// <summary>Throws <see cref="EnrollmentException"/> when the id, role and counter cannot be enrolled (the county checks a ticket with it too).</summary>
    public static void Validate(string deviceId, DeviceRole role, string? counter)
    {
        if (string.IsNullOrEmpty(deviceId) || !DeviceIdPattern().IsMatch(deviceId))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, $"设备编号 '{deviceId}' 不合规:请用 2–63 个小写字母、数字或 '-',以字母或数字开头(如 kiosk-1、caller-3)");
        }

        var needsCounter = role is DeviceRole.Caller or DeviceRole.Evaluator;
        if (needsCounter && string.IsNullOrEmpty(counter))
        {
            throw new EnrollmentException(ErrorCodes.MissingField, $"{RoleName(role)} 绑定在一个窗口上:请给出 --counter(窗口号)");
        }

        if (role == DeviceRole.Kiosk && !string.IsNullOrEmpty(counter))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, "取号机(kiosk)服务整个大厅,不绑定窗口:请去掉 --counter");
        }

        if (counter is not null && !CounterPattern().IsMatch(counter))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, $"窗口号 '{counter}' 不合规:请用 1–16 个字母、数字或 '-'");
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

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex CounterPattern();
}
