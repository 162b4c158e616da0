using System.Globalization;
using Hall.Store;
using Hall.Store.Writer;

namespace Hall.Display;

/// <summary>Reads and writes the display's own tables; a few rows per call, kept short by pruning.</summary>
public sealed class DisplayCallStore(HallDatabase database, CommandWriter writer)
{
    /// <summary>Rows kept: far more than any board shows, few enough to stay tiny.</summary>
    public const int KeptCalls = 1000;

    private const string InsertSql = """
        INSERT INTO display_calls(ticket_no, counter, counter_name, recall, announcement, spoken, called_at)
        VALUES ($t, $c, $n, $r, $a, $s, $at)
        """;

    private const string PruneSql = "DELETE FROM display_calls WHERE id <= (SELECT max(id) FROM display_calls) - $keep";

    /// <summary>Hands the call's row to the box's writer; the returned task completes when it is committed.</summary>
    public async Task<Task<object?>> AddCallAsync(StoredCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await writer.EnqueueAsync(new DelegateCommand("display-call", context => Insert(context, call)), cancellationToken);
    }

    /// <summary>Completes once every row handed over before the call is committed: the writer works in order.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        writer.SubmitAsync(new DelegateCommand("display-flush", _ => null), cancellationToken);

    private static object? Insert(WriteContext context, StoredCall call)
    {
        var insert = context.Statements.For(context.Transaction, InsertSql, "$t", "$c", "$n", "$r", "$a", "$s", "$at");
        insert.Parameters[0].Value = call.TicketNo;
        insert.Parameters[1].Value = call.Counter;
        insert.Parameters[2].Value = (object?)call.CounterName ?? DBNull.Value;
        insert.Parameters[3].Value = call.Recall ? 1 : 0;
        insert.Parameters[4].Value = call.Announcement;
        insert.Parameters[5].Value = call.Spoken;
        insert.Parameters[6].Value = call.CalledAt.ToString("O", CultureInfo.InvariantCulture);
        insert.ExecuteNonQuery();
        var prune = context.Statements.For(context.Transaction, PruneSql, "$keep");
        prune.Parameters[0].Value = KeptCalls;
        prune.ExecuteNonQuery();
        return null;
    }

    /// <summary>The newest calls at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<StoredCall> RecentCalls(int limit, DateTimeOffset since)
    {
        using var connection = database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT ticket_no, counter, counter_name, recall, announcement, spoken, called_at
            FROM display_calls ORDER BY id DESC LIMIT $limit
            """;
        select.Parameters.AddWithValue("$limit", limit);
        var calls = new List<StoredCall>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var calledAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            if (calledAt < since)
            {
                continue;
            }

            calls.Add(new StoredCall(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt64(3) != 0,
                reader.GetString(4),
                reader.GetString(5),
                calledAt));
        }

        calls.Reverse();
        return calls;
    }
}
