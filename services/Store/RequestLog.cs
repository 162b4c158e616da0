using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// The first answer to each (device, requestId). A repeated request gets it back and changes nothing.
/// Written in the same transaction as the change the request made.
/// </summary>
public static class RequestLog
{
    private const string FindSql = "SELECT reply FROM request_log WHERE device_id = $d AND request_id = $r";

    private const string RecordSql = """
        INSERT INTO request_log(device_id, request_id, name, reply, created_at) VALUES ($d, $r, $n, $p, $c)
        ON CONFLICT(device_id, request_id) DO NOTHING
        """;

    public static string? Find(SqliteTransaction transaction, string deviceId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = PreparedStatements.Create(transaction.Connection!, FindSql, "$d", "$r");
        command.Transaction = transaction;
        return Find(command, deviceId, requestId);
    }

    /// <summary>The same, with the writer's prepared statement.</summary>
    public static string? Find(PreparedStatements statements, SqliteTransaction transaction, string deviceId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return Find(statements.For(transaction, FindSql, "$d", "$r"), deviceId, requestId);
    }

    public static void Record(SqliteTransaction transaction, string deviceId, string requestId, string name, string replyJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = PreparedStatements.Create(transaction.Connection!, RecordSql, "$d", "$r", "$n", "$p", "$c");
        command.Transaction = transaction;
        Record(command, deviceId, requestId, name, replyJson, at);
    }

    /// <summary>The same, with the writer's prepared statement.</summary>
    public static void Record(PreparedStatements statements, SqliteTransaction transaction, string deviceId, string requestId, string name, string replyJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(statements);
        Record(statements.For(transaction, RecordSql, "$d", "$r", "$n", "$p", "$c"), deviceId, requestId, name, replyJson, at);
    }

    private static string? Find(SqliteCommand command, string deviceId, string requestId)
    {
        command.Parameters[0].Value = deviceId;
        command.Parameters[1].Value = requestId;
        return command.ExecuteScalar() as string;
    }

    private static void Record(SqliteCommand command, string deviceId, string requestId, string name, string replyJson, DateTimeOffset at)
    {
        command.Parameters[0].Value = deviceId;
        command.Parameters[1].Value = requestId;
        command.Parameters[2].Value = name;
        command.Parameters[3].Value = replyJson;
        command.Parameters[4].Value = at.ToString("O", CultureInfo.InvariantCulture);
        command.ExecuteNonQuery();
    }
}
