using System.Globalization;
using Hall.Contract.Uplink;
using Microsoft.Data.Sqlite;

namespace Hall.Store;

/// <summary>
/// Rows for the county hub. Appended inside the same transaction as the state change they
/// describe, so an event is never lost and never sent for a change that did not happen.
/// </summary>
/// <remarks>
/// Each row's hybrid logical time (docs/sync.md) is computed inside its insert, from the wall time and the last row
/// (or the floor kept in box_meta once rows are pruned or the hub's time was merged): it is persisted with the commit
/// and needs no state in memory, whichever writer appends.
/// </remarks>
public static class Outbox
{
    private const string AppendSql = """
        INSERT INTO outbox(type, payload, created_at, hlc) VALUES ($t, $p, $c, max(
            $w,
            coalesce((SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1), 0) + 1,
            coalesce((SELECT CAST(value AS INTEGER) FROM box_meta WHERE key = 'hlc_floor'), 0) + 1))
        RETURNING seq
        """;

    public static long Append(SqliteTransaction transaction, string type, string payloadJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = PreparedStatements.Create(transaction.Connection!, AppendSql, "$t", "$p", "$c", "$w");
        command.Transaction = transaction;
        return Append(command, type, payloadJson, at);
    }

    /// <summary>The same, with the writer's prepared statement.</summary>
    public static long Append(PreparedStatements statements, SqliteTransaction transaction, string type, string payloadJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return Append(statements.For(transaction, AppendSql, "$t", "$p", "$c", "$w"), type, payloadJson, at);
    }

    /// <summary>The epoch new rows belong to (the one begun at the store's last start).</summary>
    public static string Epoch(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch FROM epochs ORDER BY first_seq DESC LIMIT 1";
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
        command.Parameters[3].Value = HybridTime.FromWall(at);
        return (long)command.ExecuteScalar()!;
    }
}
