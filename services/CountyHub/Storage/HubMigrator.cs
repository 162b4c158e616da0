using System.Globalization;
using static Hall.CountyHub.Storage.DbParameters;

namespace Hall.CountyHub.Storage;

/// <summary>Applies every pending step of <see cref="HubMigrations"/>, each in its own transaction, recorded in <c>schema_versions</c>.</summary>
public static class HubMigrator
{
    public static async Task<IReadOnlyList<HubMigration>> ApplyAsync(HubDatabase database, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dialect = database.Dialect;
        var ordered = HubMigrations.All.OrderBy(m => m.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Hub migrations must be numbered 1, 2, 3… with no gap; found {ordered[i].Version} at position {i + 1}."));
            }
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE IF NOT EXISTS schema_versions(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {dialect.Time} NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new HashSet<int>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version FROM schema_versions";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        var done = new List<HubMigration>();
        foreach (var migration in ordered.Where(m => !applied.Contains(m.Version)))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await using (var step = connection.CreateCommand())
            {
                step.Transaction = tx;
#pragma warning disable CA2100 // The hub's own schema text.
                step.CommandText = migration.Sql(dialect);
#pragma warning restore CA2100
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var mark = connection.CreateCommand())
            {
                mark.Transaction = tx;
                mark.CommandText = "INSERT INTO schema_versions(version, name, applied_at) VALUES (@v, @n, @t)";
                Add(mark, "@v", migration.Version);
                Add(mark, "@n", migration.Name);
                Add(mark, "@t", dialect.TimeValue(now));
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            done.Add(migration);
        }

        return done;
    }
}
