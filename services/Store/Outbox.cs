using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// Rows for the county hub. Appended inside the same transaction as the state change they
/// describe, so an event is never lost and never sent for a change that did not happen.
/// </summary>
public static class Outbox
{
    private const string AppendSql = "INSERT INTO outbox(type, payload, created_at) VALUES ($t, $p, $c) RETURNING seq";

    public static long Append(SqliteTransaction transaction, string type, string payloadJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = PreparedStatements.Create(transaction.Connection!, AppendSql, "$t", "$p", "$c");
        command.Transaction = transaction;
        return Append(command, type, payloadJson, at);
    }

    /// <summary>The same, with the writer's prepared statement.</summary>
    public static long Append(PreparedStatements statements, SqliteTransaction transaction, string type, string payloadJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return Append(statements.For(transaction, AppendSql, "$t", "$p", "$c"), type, payloadJson, at);
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

    private static long Append(SqliteCommand command, string type, string payloadJson, DateTimeOffset at)
    {
        command.Parameters[0].Value = type;
        command.Parameters[1].Value = payloadJson;
        command.Parameters[2].Value = at.ToString("O", CultureInfo.InvariantCulture);
        return (long)command.ExecuteScalar()!;
    }
}
