namespace Hall.CountyHub.Storage;

/// <summary>One numbered, append-only schema step, written once for both engines: the dialect fills in the types.</summary>
public sealed record HubMigration(int Version, string Name, Func<SqlDialect, string> Sql);
