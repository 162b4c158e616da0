using System.Globalization;
using Hall.Store.Writer;

namespace Hall.Store.Retention;

/// <summary>
/// One retention pass, run by the writer: forgets request-log rows past their retention (a device no longer repeats
/// them), deletes outbox rows the county hub acknowledged longer ago than their retention, and measures what is left
/// unacknowledged. It never deletes an outbox row the hub has not acknowledged.
/// </summary>
internal sealed class RetentionPass(DateTimeOffset requestLogBefore, DateTimeOffset ackedBefore) : WriteCommand("retention")
{
    private const string PruneSql = "DELETE FROM request_log WHERE created_at < $before";
    private const string AckedSql = "(SELECT CAST(value AS INTEGER) FROM box_meta WHERE key = 'acked_seq')";

    // The clock's floor keeps the hybrid time of what is deleted, so the next row still reads after it.
    private const string FloorSql = "UPDATE box_meta SET value = CAST(max(CAST(value AS INTEGER), coalesce((SELECT max(hlc) FROM outbox WHERE seq <= " + AckedSql + " AND created_at < $before), 0)) AS TEXT) WHERE key = 'hlc_floor'";
    private const string PruneOutboxSql = "DELETE FROM outbox WHERE seq <= " + AckedSql + " AND created_at < $before";
    private const string OutboxSql = "SELECT count(*), coalesce(sum(length(CAST(payload AS BLOB))), 0) FROM outbox WHERE seq > " + AckedSql;

    public override object? Apply(WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Rows are written with the writer's UTC clock, so their ISO text sorts by time.
        var prune = context.Statements.For(context.Transaction, PruneSql, "$before");
        prune.Parameters[0].Value = requestLogBefore.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var pruned = prune.ExecuteNonQuery();

        var acked = ackedBefore.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var floor = context.Statements.For(context.Transaction, FloorSql, "$before");
        floor.Parameters[0].Value = acked;
        floor.ExecuteNonQuery();
        var pruneOutbox = context.Statements.For(context.Transaction, PruneOutboxSql, "$before");
        pruneOutbox.Parameters[0].Value = acked;
        var outboxPruned = pruneOutbox.ExecuteNonQuery();

        var measure = context.Statements.For(context.Transaction, OutboxSql);
        using var reader = measure.ExecuteReader();
        reader.Read();
        return new RetentionResult(pruned, reader.GetInt64(0), reader.GetInt64(1), outboxPruned);
    }
}
