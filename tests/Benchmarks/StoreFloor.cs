using System.Diagnostics;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.Benchmarks;

/// <summary>
/// The store's floor: raw SQLite commits with the box's settings (WAL, synchronous FULL), one small row per
/// transaction, as fast as they go. A stored ticket cannot be cheaper than its commit unless commits are grouped.
/// </summary>
internal static class StoreFloor
{
    public static LoadResult Run(TimeSpan duration, int rowsPerCommit)
    {
        var directory = Directory.CreateTempSubdirectory("hall-bench-sqlite-");
        try
        {
            var database = new HallDatabase(Path.Combine(directory.FullName, "floor.db"));
            using var connection = database.Open();
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)";
                create.ExecuteNonQuery();
            }

            var stats = new Stats();
            var rows = 0;
            var start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(start) < duration && rows < 10_000_000)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var tx = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO t(payload) VALUES ($p)";
                var p = insert.Parameters.Add("$p", SqliteType.Text);
                for (var i = 0; i < rowsPerCommit; i++)
                {
                    p.Value = """{"ticketNo":"A012","category":"A","waitingAhead":3}""";
                    insert.ExecuteNonQuery();
                }

                tx.Commit();
                stats.Add(Stats.Ms(t0, Stopwatch.GetTimestamp()));
                rows += rowsPerCommit;
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            return new LoadResult($"raw SQLite insert, {rowsPerCommit} row(s) per commit (latency per commit)", rows, rows, 0, 0, stats, elapsed, new Dictionary<string, int>());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left in /tmp; harmless.
            }
        }
    }
}
