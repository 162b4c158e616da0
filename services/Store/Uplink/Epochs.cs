using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hall.Store.Uplink;

/// <summary>
/// The outbox's epochs (docs/sync.md): one begins at every start of the store and when the wall clock is seen to jump,
/// at the next sequence number. A box restored from an old backup numbers again from where the backup stopped; in a new
/// epoch those numbers are new keys at the hub.
/// </summary>
public static class Epochs
{
    private const string NextSeqSql = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) + 1";

    /// <summary>Begins a new epoch for the rows appended from now on and returns its id.</summary>
    public static string Begin(SqliteTransaction transaction, DateTimeOffset now, string reason)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection!;
        long next;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = NextSeqSql;
            next = (long)command.ExecuteScalar()!;
        }

        using (var drop = connection.CreateCommand())
        {
            // An epoch that got no row covers nothing: the new one takes its place.
            drop.Transaction = transaction;
            drop.CommandText = "DELETE FROM epochs WHERE first_seq >= $next";
            drop.Parameters.AddWithValue("$next", next);
            drop.ExecuteNonQuery();
        }

        var epoch = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO epochs(epoch, first_seq, started_at, reason) VALUES ($e, $f, $t, $r)";
        insert.Parameters.AddWithValue("$e", epoch);
        insert.Parameters.AddWithValue("$f", next);
        insert.Parameters.AddWithValue("$t", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$r", reason);
        insert.ExecuteNonQuery();
        return epoch;
    }

    /// <summary>Every epoch, oldest first.</summary>
    public static IReadOnlyList<EpochInfo> All(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch, first_seq, started_at, reason FROM epochs ORDER BY first_seq";
        using var reader = command.ExecuteReader();
        var list = new List<EpochInfo>();
        while (reader.Read())
        {
            list.Add(new EpochInfo(reader.GetString(0), reader.GetInt64(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetString(3)));
        }

        return list;
    }
}
