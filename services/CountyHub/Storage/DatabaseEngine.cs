namespace Hall.CountyHub.Storage;

/// <summary>The hub's two engines: one SQLite file for a county, PostgreSQL where a prefecture or province outgrows it.</summary>
public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}
