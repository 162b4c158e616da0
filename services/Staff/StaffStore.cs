using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Staff;

/// <summary>
/// The staff table: fixed SQL statements (one per variant), values as parameters. <see cref="StaffDirectory"/> keeps
/// the policy (PIN and password rules, lockout, hashing, who may manage whom, the outbox) and owns the transaction.
/// </summary>
internal static class StaffStore
{
    private const string Columns = "staff_id, name, role, active, pin_hash IS NOT NULL, password_hash IS NOT NULL, created_at, updated_at, pin_locked_until, password_locked_until, password_stamp";

    private const string SelectAll = $"SELECT {Columns} FROM staff ORDER BY active DESC, staff_id";

    private const string SelectOne = $"SELECT {Columns} FROM staff WHERE staff_id = $id";

    private const string SelectForPinSignIn = $"SELECT {Columns}, pin_hash, pin_failures FROM staff WHERE staff_id = $id";

    private const string SelectForPasswordSignIn = $"SELECT {Columns}, password_hash, password_failures FROM staff WHERE staff_id = $id";

    private const string CountOtherAdmins = "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1 AND password_hash IS NOT NULL AND staff_id <> $except";

    private const string Insert = """
        INSERT INTO staff(staff_id, name, role, pin_hash, password_hash, password_stamp, active, created_at, updated_at)
        VALUES ($id, $name, $role, $pin, $password, $stamp, 1, $now, $now)
        """;

    private const string UpdateDetails = "UPDATE staff SET name = $name, role = $role, active = $active, updated_at = $now WHERE staff_id = $id";

    private const string UpsertBootstrapAdmin = """
        INSERT INTO staff(staff_id, name, role, password_hash, password_stamp, active, created_at, updated_at)
        VALUES ($id, '管理员', $role, $hash, 1, 1, $now, $now)
        ON CONFLICT(staff_id) DO UPDATE SET role = $role, active = 1, password_hash = $hash,
            password_stamp = password_stamp + 1, password_failures = 0, password_locked_until = NULL, updated_at = $now
        """;

    private const string RecordPinSignIn = "UPDATE staff SET pin_failures = $failures, pin_locked_until = $until WHERE staff_id = $id";

    private const string RecordPasswordSignIn = "UPDATE staff SET password_failures = $failures, password_locked_until = $until WHERE staff_id = $id";

    private const string UpdatePin = "UPDATE staff SET pin_hash = $hash, pin_failures = 0, pin_locked_until = NULL, updated_at = $now WHERE staff_id = $id";

    private const string UpdatePassword = "UPDATE staff SET password_hash = $hash, password_stamp = password_stamp + 1, password_failures = 0, password_locked_until = NULL, updated_at = $now WHERE staff_id = $id";

    private const string ClearLockouts = "UPDATE staff SET pin_failures = 0, pin_locked_until = NULL, password_failures = 0, password_locked_until = NULL, updated_at = $now WHERE staff_id = $id";

    public static IReadOnlyList<StaffMember> List(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectAll;
        using var reader = command.ExecuteReader();
        var list = new List<StaffMember>();
        while (reader.Read())
        {
            list.Add(ReadMember(reader));
        }

        return list;
    }

    public static StaffMember? Find(SqliteConnection connection, SqliteTransaction? tx, string staffId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SelectOne;
        command.Parameters.AddWithValue("$id", staffId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadMember(reader) : null;
    }

    /// <summary>The account with the stored hash of <paramref name="secret"/> and its wrong tries in a row.</summary>
    public static (StaffMember? Member, string? Hash, int Failures) FindForSignIn(SqliteConnection connection, StaffSecret secret, string staffId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = secret == StaffSecret.Pin ? SelectForPinSignIn : SelectForPasswordSignIn;
        command.Parameters.AddWithValue("$id", staffId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return (null, null, 0);
        }

        return (ReadMember(reader), reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetInt32(12));
    }

    /// <summary>Active admins with a password, other than <paramref name="exceptStaffId"/>.</summary>
    public static long CountAdmins(SqliteConnection connection, SqliteTransaction? tx, string? exceptStaffId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = CountOtherAdmins;
        command.Parameters.AddWithValue("$except", exceptStaffId ?? string.Empty);
        return (long)command.ExecuteScalar()!;
    }

    public static void Add(SqliteConnection connection, SqliteTransaction tx, string staffId, string name, string role, string? pinHash, string? passwordHash, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Insert;
        command.Parameters.AddWithValue("$id", staffId);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$pin", (object?)pinHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$password", (object?)passwordHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$stamp", passwordHash is null ? 0 : 1);
        command.Parameters.AddWithValue("$now", Text(now));
        command.ExecuteNonQuery();
    }

    public static void Update(SqliteConnection connection, SqliteTransaction tx, string staffId, string name, string role, bool active, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = UpdateDetails;
        command.Parameters.AddWithValue("$id", staffId);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$active", active ? 1 : 0);
        command.Parameters.AddWithValue("$now", Text(now));
        command.ExecuteNonQuery();
    }

    /// <summary>Creates the bootstrap admin, or restores it (role, active, new password, lockout lifted).</summary>
    public static void SaveBootstrapAdmin(SqliteConnection connection, SqliteTransaction tx, string staffId, string role, string passwordHash, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = UpsertBootstrapAdmin;
        command.Parameters.AddWithValue("$id", staffId);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$hash", passwordHash);
        command.Parameters.AddWithValue("$now", Text(now));
        command.ExecuteNonQuery();
    }

    /// <summary>Wrong tries in a row of <paramref name="secret"/> and the lockout they led to (null: none).</summary>
    public static void RecordSignIn(SqliteConnection connection, SqliteTransaction tx, StaffSecret secret, string staffId, int failures, DateTimeOffset? lockedUntil)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = secret == StaffSecret.Pin ? RecordPinSignIn : RecordPasswordSignIn;
        command.Parameters.AddWithValue("$id", staffId);
        command.Parameters.AddWithValue("$failures", failures);
        command.Parameters.AddWithValue("$until", lockedUntil is { } until ? Text(until) : DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>A new PIN hash; its lockout is lifted.</summary>
    public static void SetPin(SqliteConnection connection, SqliteTransaction tx, string staffId, string pinHash, DateTimeOffset now) =>
        Change(connection, tx, UpdatePin, staffId, pinHash, now);

    /// <summary>A new password hash, or none; sessions of the old one end (the stamp moves) and its lockout is lifted.</summary>
    public static void SetPassword(SqliteConnection connection, SqliteTransaction tx, string staffId, string? passwordHash, DateTimeOffset now) =>
        Change(connection, tx, UpdatePassword, staffId, passwordHash, now);

    /// <summary>Lifts PIN and password lockouts.</summary>
    public static void Unlock(SqliteConnection connection, SqliteTransaction tx, string staffId, DateTimeOffset now) =>
        Change(connection, tx, ClearLockouts, staffId, null, now);

    private static void Change(SqliteConnection connection, SqliteTransaction tx, string statement, string staffId, string? hash, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = statement;
        command.Parameters.AddWithValue("$id", staffId);
        command.Parameters.AddWithValue("$hash", (object?)hash ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Text(now));
        command.ExecuteNonQuery();
    }

    private static StaffMember ReadMember(SqliteDataReader reader)
    {
        // An unreadable role (hand-edited row) counts as the least privileged.
        var role = StaffRoles.TryParse(reader.GetString(2), out var parsed) ? parsed : StaffRole.Staff;
        return new StaffMember(
            reader.GetString(0),
            reader.GetString(1),
            role,
            reader.GetInt64(3) != 0,
            reader.GetInt64(4) != 0,
            reader.GetInt64(5) != 0,
            Parse(reader.GetString(6)),
            Parse(reader.GetString(7)))
        {
            PinLockedUntil = reader.IsDBNull(8) ? null : Parse(reader.GetString(8)),
            PasswordLockedUntil = reader.IsDBNull(9) ? null : Parse(reader.GetString(9)),
            PasswordStamp = reader.GetInt64(10),
        };
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
