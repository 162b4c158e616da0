using System.Data.Common;

namespace Hall.CountyHub.Storage;

/// <summary>
/// Where the SQL of the two engines differs: column types, how a time is passed and read, a difference of times in
/// seconds, row locks. Everything else (tables, <c>ON CONFLICT … DO NOTHING/UPDATE</c>) is the same text on both.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseEngine Engine { get; }

    /// <summary>The name shown in /healthz.</summary>
    public abstract string Name { get; }

    /// <summary>64-bit integer column type.</summary>
    public abstract string Int64 { get; }

    /// <summary>A point in time (always UTC).</summary>
    public abstract string Time { get; }

    public abstract string Bool { get; }

    public abstract string Real { get; }

    /// <summary>Appended to a SELECT that must hold the row until the transaction ends (no-op where the database is single-writer).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>A time as a parameter value.</summary>
    public abstract object TimeValue(DateTimeOffset value);

    public object TimeValue(DateTimeOffset? value) => value is { } v ? TimeValue(v) : DBNull.Value;

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public DateTimeOffset? ReadTimeOrNull(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);
    }

    /// <summary>SQL for <paramref name="later"/> − <paramref name="earlier"/> in seconds (both time expressions).</summary>
    public abstract string SecondsBetween(string later, string earlier);
}
