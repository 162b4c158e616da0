using System.Data.Common;
using System.Globalization;

namespace Hall.CountyHub.Storage;

/// <summary>SQLite: times are ISO-8601 text in UTC ("2026-12-03T06:10:00.123Z"), so they sort and julianday() reads them.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override string Name => "sqlite";

    public override string Int64 => "INTEGER";

    public override string Time => "TEXT";

    public override string Bool => "INTEGER";

    public override string Real => "REAL";

    public override string ForUpdate => string.Empty;

    public override object TimeValue(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
    }

    public override string SecondsBetween(string later, string earlier) => $"((julianday({later}) - julianday({earlier})) * 86400.0)";
}
