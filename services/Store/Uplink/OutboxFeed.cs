using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Store.Uplink;

/// <summary>
/// The uplink's side of the outbox: what comes after the acknowledged position, in sequence order and epoch by epoch,
/// and the position itself, which moves only from the hub's answer (<see cref="Acknowledge"/>).
/// </summary>
public static class OutboxFeed
{
    /// <summary>Every row up to this sequence number is stored at the hub.</summary>
    public static long AckedSeq(SqliteConnection connection) => ReadMeta(connection, "acked_seq");

    /// <summary>The lowest reading the box's hybrid clock may take next, less one.</summary>
    public static long HlcFloor(SqliteConnection connection) => ReadMeta(connection, "hlc_floor");

    /// <summary>The box's hybrid clock now: past its last row and its floor.</summary>
    public static long LastHlc(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT max(coalesce((SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1), 0),
                       coalesce((SELECT CAST(value AS INTEGER) FROM box_meta WHERE key = 'hlc_floor'), 0))
            """;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The next rows after <paramref name="after"/>: at most <paramref name="maxRows"/> and about <paramref name="maxBytes"/> of payload, of one epoch.</summary>
    public static PendingBatch? Next(SqliteConnection connection, long after, int maxRows, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var tx = connection.BeginTransaction(deferred: true);
        long first;
        using (var probe = connection.CreateCommand())
        {
            probe.Transaction = tx;
            probe.CommandText = "SELECT seq FROM outbox WHERE seq > $after ORDER BY seq LIMIT 1";
            probe.Parameters.AddWithValue("$after", after);
            if (probe.ExecuteScalar() is not long found)
            {
                return null;
            }

            first = found;
        }

        string epoch;
        long epochStart;
        long end;
        using (var which = connection.CreateCommand())
        {
            which.Transaction = tx;
            which.CommandText = """
                SELECT epoch, first_seq,
                       coalesce((SELECT min(first_seq) FROM epochs WHERE first_seq > $s), 9223372036854775807)
                FROM epochs WHERE first_seq <= $s ORDER BY first_seq DESC LIMIT 1
                """;
            which.Parameters.AddWithValue("$s", first);
            using var reader = which.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException($"Outbox row {first} belongs to no epoch.");
            }

            epoch = reader.GetString(0);
            epochStart = reader.GetInt64(1);
            end = reader.GetInt64(2);
        }

        long epochLast;
        using (var last = connection.CreateCommand())
        {
            last.Transaction = tx;
            last.CommandText = "SELECT max(seq) FROM outbox WHERE seq < $end";
            last.Parameters.AddWithValue("$end", end);
            epochLast = (long)last.ExecuteScalar()!;
        }

        var rows = new List<OutboxRow>(Math.Min(maxRows, 4096));
        using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT seq, type, created_at, hlc, payload FROM outbox WHERE seq >= $first AND seq < $end ORDER BY seq LIMIT $n";
            read.Parameters.AddWithValue("$first", first);
            read.Parameters.AddWithValue("$end", end);
            read.Parameters.AddWithValue("$n", maxRows);
            using var reader = read.ExecuteReader();
            long bytes = 0;
            while (reader.Read())
            {
                var row = new OutboxRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4));
                bytes += row.Payload.Length + row.Type.Length + 64;
                if (rows.Count > 0 && bytes > maxBytes)
                {
                    break;
                }

                rows.Add(row);
            }
        }

        // Rows between the position and the first one here are gone (pruned after an acknowledgement the hub lost).
        long? skipTo = first > Math.Max(after + 1, epochStart) ? first : null;
        return new PendingBatch(epoch, epochStart, epochLast, skipTo, rows);
    }

    /// <summary>Rows the hub has not acknowledged, and their payload bytes.</summary>
    public static (long Events, long Bytes) Backlog(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), coalesce(sum(length(CAST(payload AS BLOB))), 0) FROM outbox
            WHERE seq > (SELECT CAST(value AS INTEGER) FROM box_meta WHERE key = 'acked_seq')
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Rows after <paramref name="seq"/>: what still waits once a batch ending there is stored. Sequence numbers after
    /// the acknowledged position have no holes, so this is a subtraction, not a count (weeks offline are millions of rows).
    /// </summary>
    public static long CountAfter(SqliteConnection connection, long seq)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM outbox";
        return Math.Max(0, (long)command.ExecuteScalar()! - seq);
    }

    /// <summary>Moves the acknowledged position (from the hub's answer) and raises the clock's floor to what the hub showed.</summary>
    public static void Acknowledge(SqliteTransaction transaction, long ackedSeq, long hlcSeen, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE box_meta SET value = CAST($a AS TEXT) WHERE key = 'acked_seq';
            UPDATE box_meta SET value = CAST(max(CAST(value AS INTEGER), $h) AS TEXT) WHERE key = 'hlc_floor';
            INSERT INTO box_meta(key, value) VALUES ('sync_last_success', $t) ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            """;
        command.Parameters.AddWithValue("$a", ackedSeq);
        command.Parameters.AddWithValue("$h", hlcSeen);
        command.Parameters.AddWithValue("$t", at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>When the hub last acknowledged a batch; null before the first.</summary>
    public static DateTimeOffset? LastSuccess(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM box_meta WHERE key = 'sync_last_success'";
        return command.ExecuteScalar() is string text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
    }

    private static long ReadMeta(SqliteConnection connection, string key)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM box_meta WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() is string text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
    }
}
