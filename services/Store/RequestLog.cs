using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// The first answer to each (device, requestId). A repeated request gets it back and changes nothing.
/// Written in the same transaction as the change the request made.
/// </summary>
public static class RequestLog
{
    public static string? Find(SqliteTransaction transaction, string deviceId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT reply FROM request_log WHERE device_id = $d AND request_id = $r";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$r", requestId);
        return command.ExecuteScalar() as string;
    }

    public static void Record(SqliteTransaction transaction, string deviceId, string requestId, string name, string replyJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO request_log(device_id, request_id, name, reply, created_at) VALUES ($d, $r, $n, $p, $c)
            ON CONFLICT(device_id, request_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$r", requestId);
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$p", replyJson);
        command.Parameters.AddWithValue("$c", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }
}
