using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// Rows for the county hub. Appended inside the same transaction as the state change they
/// describe, so an event is never lost and never sent for a change that did not happen.
/// </summary>
public static class Outbox
{
    public static long Append(SqliteTransaction transaction, string type, string payloadJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO outbox(type, payload, created_at) VALUES ($t, $p, $c) RETURNING seq";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$p", payloadJson);
        command.Parameters.AddWithValue("$c", at.ToString("O", CultureInfo.InvariantCulture));
        return (long)command.ExecuteScalar()!;
    }

    public static string Epoch(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM box_meta WHERE key = 'epoch'";
        return (string)command.ExecuteScalar()!;
    }

    public static long Count(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox";
        return (long)command.ExecuteScalar()!;
    }
}
