using System.Globalization;

namespace Hall.Store;

/// <summary>Applies every pending migration, each in its own transaction, in version order per owner.</summary>
public static class Migrator
{
    public static IReadOnlyList<Migration> Apply(HallDatabase database, IEnumerable<Migration> migrations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(migrations);
        using var connection = database.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS schema_versions(
                    owner TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    applied_at TEXT NOT NULL,
                    PRIMARY KEY(owner, version));
                """;
            create.ExecuteNonQuery();
        }

        var applied = new HashSet<(string, int)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT owner, version FROM schema_versions";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                applied.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        var done = new List<Migration>();
        foreach (var group in migrations.GroupBy(m => m.Owner, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(m => m.Version).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                if (ordered[i].Version != i + 1)
                {
                    throw new InvalidOperationException($"Migrations of '{group.Key}' must be numbered 1, 2, 3… with no gap; found {ordered[i].Version} at position {i + 1}.");
                }
            }

            foreach (var migration in ordered.Where(m => !applied.Contains((m.Owner, m.Version))))
            {
                using var tx = connection.BeginTransaction();
                using (var step = connection.CreateCommand())
                {
                    step.Transaction = tx;
                    step.CommandText = migration.Sql;
                    step.ExecuteNonQuery();
                }

                using (var mark = connection.CreateCommand())
                {
                    mark.Transaction = tx;
                    mark.CommandText = "INSERT INTO schema_versions(owner, version, applied_at) VALUES ($o, $v, $t)";
                    mark.Parameters.AddWithValue("$o", migration.Owner);
                    mark.Parameters.AddWithValue("$v", migration.Version);
                    mark.Parameters.AddWithValue("$t", now.ToString("O", CultureInfo.InvariantCulture));
                    mark.ExecuteNonQuery();
                }

                tx.Commit();
                done.Add(migration);
            }
        }

        return done;
    }
}
