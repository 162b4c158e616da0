using System.Data.Common;

namespace Hall.CountyHub.Storage;

/// <summary>PostgreSQL: native BIGINT, TIMESTAMPTZ and BOOLEAN, so an analyst's queries need no casts.</summary>
public sealed class PostgresDialect : SqlDialect
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    public override string Name => "postgres";

    public override string Int64 => "BIGINT";

    public override string Time => "TIMESTAMPTZ";

    public override string Bool => "BOOLEAN";

    public override string Real => "DOUBLE PRECISION";

    public override string ForUpdate => " FOR UPDATE";

    public override object TimeValue(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    public override string SecondsBetween(string later, string earlier) => $"EXTRACT(EPOCH FROM ({later} - {earlier}))::DOUBLE PRECISION";
}
