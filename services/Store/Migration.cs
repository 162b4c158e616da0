namespace Hall.Store;

/// <summary>
/// One numbered, append-only schema step of one service. Each service owns its tables
/// and lists its own migrations; a shipped migration is never edited, only followed.
/// </summary>
public sealed record Migration(string Owner, int Version, string Sql);

/// <summary>Implemented by each service that keeps tables in the box's store.</summary>
public interface IMigrationSource
{
    IEnumerable<Migration> Migrations { get; }
}
