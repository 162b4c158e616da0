using System.Globalization;
using CsCheck;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Tests;

public sealed class SqliteDialectTests
{
    [Fact]
    public void Times_are_written_as_the_iso_text_that_sorts_and_julianday_reads()
    {
        var dialect = new SqliteDialect();
        Assert.Equal("1970-01-02T02:00:00.000Z", dialect.TimeValue(new DateTimeOffset(1970, 1, 2, 10, 0, 0, TimeSpan.FromHours(8))));
        Gen.Long[DateTimeOffset.MinValue.UtcTicks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay]
            .Sample(ticks =>
            {
                var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                Assert.Equal(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), dialect.TimeValue(at));
            });
    }
}
