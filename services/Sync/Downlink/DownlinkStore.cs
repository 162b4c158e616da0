using System.Globalization;
using System.Text.Json;
using Hall.Contract.Downlink;
using Microsoft.Data.Sqlite;

namespace Hall.Sync.Downlink;

/// <summary>The downlink's tables (<see cref="SyncMigrations"/>). Writes run inside the command writer's transaction.</summary>
internal static class DownlinkStore
{
    public sealed record Running(long Version, DateTimeOffset AppliedAt, DateTimeOffset? IssuedAt, string? Note);

    public sealed record Refusal(long Version, string Code, string Message, DateTimeOffset At);

    public static Running? ReadRunning(SqliteConnection connection) =>
        Query(connection, null, "SELECT version, applied_at, issued_at, note FROM sync_config WHERE id = 1", [], r =>
            new Running(r.GetInt64(0), Time(r.GetString(1)), r.IsDBNull(2) ? null : Time(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3))).FirstOrDefault();

    public static Refusal? LastRefusal(SqliteConnection connection) =>
        Query(connection, null, "SELECT version, code, message, refused_at FROM sync_config_refusals ORDER BY refused_at DESC LIMIT 1", [], r =>
            new Refusal(r.GetInt64(0), r.GetString(1), r.GetString(2), Time(r.GetString(3)))).FirstOrDefault();

    public static long Cursor(SqliteConnection connection) =>
        Query(connection, null, "SELECT coalesce(max(cursor), 0) FROM sync_downlink", [], r => r.GetInt64(0)).First();

    public static IReadOnlyList<DownlinkMessage> Pending(SqliteConnection connection) =>
        Query(connection, null, "SELECT message_id, cursor, type, at, data FROM sync_downlink WHERE handled_at IS NULL ORDER BY cursor", [], r =>
        {
            using var data = JsonDocument.Parse(r.GetString(4));
            return new DownlinkMessage(r.GetString(0), r.GetInt64(1), r.GetString(2), Time(r.GetString(3)), data.RootElement.Clone());
        });

    public static IReadOnlyDictionary<string, string> CountySettings(SqliteConnection connection, SqliteTransaction? tx = null) =>
        Query(connection, tx, "SELECT key, value FROM sync_county_settings", [], r => (r.GetString(0), r.GetString(1))).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Stores the messages not stored yet (by id); returns how many were new.</summary>
    public static int Store(SqliteTransaction tx, IEnumerable<DownlinkMessage> messages, DateTimeOffset now)
    {
        var stored = 0;
        foreach (var m in messages)
        {
            stored += Execute(tx, "INSERT OR IGNORE INTO sync_downlink(message_id, cursor, type, at, data, received_at) VALUES ($id, $cursor, $type, $at, $data, $now)",
                ("$id", m.Id), ("$cursor", m.Cursor), ("$type", m.Type), ("$at", Iso(m.At)), ("$data", m.Data.GetRawText()), ("$now", Iso(now)));
        }

        return stored;
    }

    public static void Handled(SqliteTransaction tx, string id, DateTimeOffset now, string? note) =>
        Execute(tx, "UPDATE sync_downlink SET handled_at = $now, attempts = attempts + 1, last_error = $note WHERE message_id = $id AND handled_at IS NULL",
            ("$now", Iso(now)), ("$note", note), ("$id", id));

    public static void Failed(SqliteTransaction tx, string id, string error) =>
        Execute(tx, "UPDATE sync_downlink SET attempts = attempts + 1, last_error = $error WHERE message_id = $id", ("$error", error), ("$id", id));

    public static void SaveRunning(SqliteTransaction tx, ConfigBundle bundle, string bundleJson, DateTimeOffset now) =>
        Execute(tx, """
            INSERT INTO sync_config(id, version, applied_at, issued_at, note, bundle) VALUES (1, $v, $at, $issued, $note, $bundle)
            ON CONFLICT(id) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at, issued_at = excluded.issued_at, note = excluded.note, bundle = excluded.bundle
            """, ("$v", bundle.Version), ("$at", Iso(now)), ("$issued", Iso(bundle.IssuedAt)), ("$note", bundle.Note), ("$bundle", bundleJson));

    /// <summary>Records a refusal; false when this version was already refused for the same reason (nothing new to tell the hub).</summary>
    public static bool SaveRefusal(SqliteTransaction tx, long version, string code, string message, DateTimeOffset now) =>
        Execute(tx, "INSERT OR IGNORE INTO sync_config_refusals(version, code, message, refused_at) VALUES ($v, $code, $message, $at)",
            ("$v", version), ("$code", code), ("$message", message), ("$at", Iso(now))) == 1;

    public static void ReplaceCountySettings(SqliteTransaction tx, IReadOnlyDictionary<string, string> values)
    {
        Execute(tx, "DELETE FROM sync_county_settings");
        foreach (var (key, value) in values)
        {
            Execute(tx, "INSERT INTO sync_county_settings(key, value) VALUES ($k, $v)", ("$k", key), ("$v", value));
        }
    }

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

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

    private static List<T> Query<T>(SqliteConnection connection, SqliteTransaction? tx, string sql, (string Name, object? Value)[] parameters, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var list = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
