using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hall.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Hall.Staff;

/// <summary>
/// Server-side sign-in sessions of the admin page and the counter page. A cookie carries a random token; the session
/// is live only while its row (keyed by the token's SHA-256) is not ended and not expired, and every request checks
/// that. So logout ends it for good (a copied or replayed cookie is refused), and a new password, a new PIN or a
/// deactivation ends the person's sessions in the same transaction as the change (see <see cref="StaffDirectory"/>).
/// Admin sessions slide (<see cref="StaffOptions.AdminSession"/> without use); counter sessions last
/// <see cref="StaffOptions.CounterSession"/> from sign-in.
/// </summary>
public sealed class StaffSessions
{
    // Use is written back at most this often, so a busy page does not queue writes behind the store's writer.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    // Ended and expired rows are kept this long (for the admin's list and for questions), then deleted.
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(1);

    private readonly HallDatabase _database;
    private readonly StaffOptions _options;
    private readonly TimeProvider _time;

    public StaffSessions(HallDatabase database, IOptions<StaffOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Starts a session and returns its token, for the cookie only. A counter sign-in ends the counter's earlier ones.</summary>
    public string Start(string staffId, StaffSessionKind kind, string? counter, string? address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        var expires = now + (kind == StaffSessionKind.Admin ? _options.AdminSession : _options.CounterSession);
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        Execute(connection, tx, "DELETE FROM staff_sessions WHERE coalesce(ended_at, expires_at) < $old", ("$old", Text(now - KeepEnded)));
        if (kind == StaffSessionKind.Counter)
        {
            Execute(
                connection,
                tx,
                "UPDATE staff_sessions SET ended_at = $now, ended_why = 'replaced' WHERE kind = 'counter' AND counter = $counter AND ended_at IS NULL",
                ("$now", Text(now)),
                ("$counter", counter));
        }

        Execute(
            connection,
            tx,
            """
            INSERT INTO staff_sessions(token_hash, staff_id, kind, counter, address, created_at, last_seen_at, expires_at)
            VALUES ($hash, $staff, $kind, $counter, $address, $now, $now, $expires)
            """,
            ("$hash", Hash(token)),
            ("$staff", staffId),
            ("$kind", KindName(kind)),
            ("$counter", counter),
            ("$address", address),
            ("$now", Text(now)),
            ("$expires", Text(expires)));
        tx.Commit();
        return token;
    }

    /// <summary>The live session the token names, or null (unknown, ended or expired). Notes its use.</summary>
    public StaffSession? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        StaffSession? session;
        using var connection = _database.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"{Select} WHERE token_hash = $hash AND ended_at IS NULL";
            command.Parameters.AddWithValue("$hash", Hash(token));
            using var reader = command.ExecuteReader();
            session = reader.Read() ? Read(reader) : null;
        }

        if (session is null || session.ExpiresAt <= now)
        {
            return null;
        }

        if (now - session.LastSeenAt >= TouchEvery)
        {
            var expires = session.Kind == StaffSessionKind.Admin ? now + _options.AdminSession : session.ExpiresAt;
            using var write = _database.BeginWrite(connection);
            Execute(connection, write.Transaction, "UPDATE staff_sessions SET last_seen_at = $now, expires_at = $expires WHERE id = $id", ("$now", Text(now)), ("$expires", Text(expires)), ("$id", session.Id));
            write.Transaction.Commit();
            session = session with { LastSeenAt = now, ExpiresAt = expires };
        }

        return session;
    }

    /// <summary>Ends the session the token names (logout, sign-out). Unknown or already ended: nothing happens.</summary>
    public void End(string? token, string why)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return;
        }

        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        Execute(connection, write.Transaction, "UPDATE staff_sessions SET ended_at = $now, ended_why = $why WHERE token_hash = $hash AND ended_at IS NULL", ("$now", Text(_time.GetUtcNow())), ("$why", why), ("$hash", Hash(token)));
        write.Transaction.Commit();
    }

    /// <summary>An admin ends someone's session from the list. False when no live session has that id.</summary>
    public bool End(long id, string why)
    {
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var ended = Execute(connection, write.Transaction, "UPDATE staff_sessions SET ended_at = $now, ended_why = $why WHERE id = $id AND ended_at IS NULL", ("$now", Text(_time.GetUtcNow())), ("$why", why), ("$id", id));
        write.Transaction.Commit();
        return ended > 0;
    }

    /// <summary>The live sessions, newest first.</summary>
    public IReadOnlyList<StaffSession> List()
    {
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"{Select} WHERE ended_at IS NULL AND expires_at > $now ORDER BY id DESC";
        command.Parameters.AddWithValue("$now", Text(now));
        using var reader = command.ExecuteReader();
        var list = new List<StaffSession>();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Ends a person's live sessions of one kind (or all kinds), inside the caller's transaction.</summary>
    internal static void EndAll(SqliteConnection connection, SqliteTransaction tx, string staffId, StaffSessionKind? kind, string why, DateTimeOffset now) =>
        Execute(
            connection,
            tx,
            kind is null
                ? "UPDATE staff_sessions SET ended_at = $now, ended_why = $why WHERE staff_id = $staff AND ended_at IS NULL"
                : "UPDATE staff_sessions SET ended_at = $now, ended_why = $why WHERE staff_id = $staff AND kind = $kind AND ended_at IS NULL",
            ("$now", Text(now)),
            ("$why", why),
            ("$staff", staffId),
            ("$kind", kind is { } k ? KindName(k) : null));

    private const string Select = "SELECT id, staff_id, kind, counter, address, created_at, last_seen_at, expires_at FROM staff_sessions";

    private static StaffSession Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2) == "counter" ? StaffSessionKind.Counter : StaffSessionKind.Admin,
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        Parse(reader.GetString(5)),
        Parse(reader.GetString(6)),
        Parse(reader.GetString(7)));

    private static int Execute(SqliteConnection connection, SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private static string KindName(StaffSessionKind kind) => kind == StaffSessionKind.Counter ? "counter" : "admin";

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
