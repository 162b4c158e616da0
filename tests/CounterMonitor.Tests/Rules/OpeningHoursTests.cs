using Hall.CounterMonitor.Rules;

namespace Hall.CounterMonitor.Tests.Rules;

public sealed class OpeningHoursTests
{
    [Fact]
    public void Lunch_break_is_outside_the_hours()
    {
        Assert.True(OpeningHours.TryParse("08:30-12:00, 13:30-17:30", out var hours, out _));
        Assert.True(hours.Contains(new TimeOnly(9, 0)));
        Assert.False(hours.Contains(new TimeOnly(12, 30)));
        Assert.True(hours.Contains(new TimeOnly(17, 29)));
        Assert.False(hours.Contains(new TimeOnly(17, 30)));
        Assert.Equal("08:30-12:00,13:30-17:30", hours.ToString());
    }

    [Theory]
    [InlineData("8-12", "'8-12' is not a span like 08:30-12:00")]
    [InlineData("12:00-08:30", "'12:00-08:30' ends before it starts")]
    public void A_bad_value_says_what_is_wrong(string text, string error)
    {
        Assert.False(OpeningHours.TryParse(text, out _, out var message));
        Assert.Equal(error, message);
    }
}
