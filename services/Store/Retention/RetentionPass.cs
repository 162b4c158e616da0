using System.Globalization;
using Hall.Store.Writer;

namespace Hall.Store.Retention;

/// <summary>
/// One retention pass, run by the writer: forgets request-log rows past their retention (a device no longer repeats
/// them) and measures the outbox. It never deletes an outbox row: those go only once the county hub acknowledged them.
/// </summary>
internal sealed class RetentionPass(DateTimeOffset requestLogBefore) : WriteCommand("retention")
{
    private const string PruneSql = "DELETE FROM request_log WHERE created_at < $before";
    private const string OutboxSql = "SELECT count(*), coalesce(sum(length(CAST(payload AS BLOB))), 0) FROM outbox";

    public override object? Apply(WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Rows are written with the writer's UTC clock, so their ISO text sorts by time.
        var prune = context.Statements.For(context.Transaction, PruneSql, "$before");
        prune.Parameters[0].Value = requestLogBefore.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var pruned = prune.ExecuteNonQuery();

        var measure = context.Statements.For(context.Transaction, OutboxSql);
        using var reader = measure.ExecuteReader();
        reader.Read();
        return new RetentionResult(pruned, reader.GetInt64(0), reader.GetInt64(1));
    }
}
