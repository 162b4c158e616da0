using Hall.CountyHub.Evidence;

namespace Hall.CountyHub.Tests;

/// <summary>A 督办 deadline as county staff type it: in the hall's clock, or with its offset.</summary>
public sealed class UrgeRulesTests
{
    [Fact]
    public void A_deadline_typed_without_a_zone_is_the_halls_clock()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero), UrgeRules.Deadline("2026-12-05T17:00", "Asia/Shanghai"));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero), UrgeRules.Deadline("2026-12-05T09:00:00Z", "Asia/Shanghai"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("周五下班前")]
    [InlineData("2026-13-05T17:00")]
    [InlineData("2026-12-05")]
    public void What_is_not_a_date_and_time_is_refused(string text)
    {
        Assert.Null(UrgeRules.Deadline(text, "Asia/Shanghai"));
    }
}
