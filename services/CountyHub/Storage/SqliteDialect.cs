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

    public override object TimeValue(DateTimeOffset value)
    {
        // The same text as the format "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", written directly: a few times per event ingested.
        var t = value.UtcDateTime;
        return string.Create(24, t, static (span, t) =>
        {
            Write(span, 0, t.Year, 4);
            span[4] = '-';
            Write(span, 5, t.Month, 2);
            span[7] = '-';
            Write(span, 8, t.Day, 2);
            span[10] = 'T';
            Write(span, 11, t.Hour, 2);
            span[13] = ':';
            Write(span, 14, t.Minute, 2);
            span[16] = ':';
            Write(span, 17, t.Second, 2);
            span[19] = '.';
            Write(span, 20, t.Millisecond, 3);
            span[23] = 'Z';
        });
    }

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
    }

    private static void Write(Span<char> span, int at, int value, int digits)
    {
        for (var i = at + digits - 1; i >= at; i--)
        {
            span[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    public override string SecondsBetween(string later, string earlier) => $"((julianday({later}) - julianday({earlier})) * 86400.0)";
}
