using System.Globalization;
using Hall.Store;

namespace Hall.Display;

/// <summary>Reads and writes the display's own tables; a few rows per call, kept short by pruning.</summary>
public sealed class DisplayCallStore(HallDatabase database)
{
    /// <summary>Rows kept: far more than any board shows, few enough to stay tiny.</summary>
    public const int KeptCalls = 1000;

    public void AddCall(StoredCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var connection = database.Open();
        using var write = database.BeginWrite(connection);
        var tx = write.Transaction;
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO display_calls(ticket_no, counter, counter_name, recall, announcement, spoken, called_at)
                VALUES ($t, $c, $n, $r, $a, $s, $at)
                """;
            insert.Parameters.AddWithValue("$t", call.TicketNo);
            insert.Parameters.AddWithValue("$c", call.Counter);
            insert.Parameters.AddWithValue("$n", (object?)call.CounterName ?? DBNull.Value);
            insert.Parameters.AddWithValue("$r", call.Recall ? 1 : 0);
            insert.Parameters.AddWithValue("$a", call.Announcement);
            insert.Parameters.AddWithValue("$s", call.Spoken);
            insert.Parameters.AddWithValue("$at", call.CalledAt.ToString("O", CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }

        using (var prune = connection.CreateCommand())
        {
            prune.Transaction = tx;
            prune.CommandText = "DELETE FROM display_calls WHERE id <= (SELECT max(id) FROM display_calls) - $keep";
            prune.Parameters.AddWithValue("$keep", KeptCalls);
            prune.ExecuteNonQuery();
        }

        tx.Commit();
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
