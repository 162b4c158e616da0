using Xunit;

namespace Hall.Devices.HallSimulator.Tests;

public class ArrivalTests
{
    [Fact]
    public void Same_seed_brings_the_same_people_at_the_same_times()
    {
        var profile = ArrivalProfile.MorningPeak();

        var first = new ArrivalGenerator(profile, new Random(42)).Session();
        var second = new ArrivalGenerator(profile, new Random(42)).Session();
        var other = new ArrivalGenerator(profile, new Random(43)).Session();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Arrivals_stay_inside_the_session_in_order()
    {
        var profile = ArrivalProfile.MorningPeak();

        var arrivals = new ArrivalGenerator(profile, new Random(7)).Session();

        Assert.NotEmpty(arrivals);
        Assert.All(arrivals, a => Assert.InRange(a, TimeSpan.Zero, profile.Length));
        Assert.Equal(arrivals.Order(), arrivals);
    }

    [Fact]
    public void On_average_a_morning_brings_the_expected_number_of_people()
    {
        var profile = ArrivalProfile.MorningPeak();
        var random = new Random(1);

        var mean = Enumerable.Range(0, 300).Average(_ => new ArrivalGenerator(profile, random).Session().Count);

        // 300 mornings of ~80 people: the mean is within a few percent of the area under the rate.
        Assert.InRange(mean, profile.ExpectedArrivals() * 0.95, profile.ExpectedArrivals() * 1.05);
    }

    [Fact]
    public void The_half_hour_around_ten_is_much_busier_than_the_first_half_hour()
    {
        var profile = ArrivalProfile.MorningPeak();
        var random = new Random(3);
        var all = Enumerable.Range(0, 200).SelectMany(_ => new ArrivalGenerator(profile, random).Session()).ToList();

        var opening = all.Count(a => a < TimeSpan.FromMinutes(30));
        var peak = all.Count(a => a >= TimeSpan.FromMinutes(45) && a < TimeSpan.FromMinutes(75));

        // Rates: about 19/h on average in the first half hour, about 41/h around ten.
        Assert.True(peak > opening * 1.8, $"peak half hour {peak} vs opening half hour {opening}");
    }

    [Fact]
    public void Rate_is_linear_between_points_and_zero_outside_the_session()
    {
        var profile = ArrivalProfile.MorningPeak();

        Assert.Equal(10, profile.RatePerHourAt(TimeSpan.Zero), 6);
        Assert.Equal(27.5, profile.RatePerHourAt(TimeSpan.FromMinutes(30)), 6);
        Assert.Equal(45, profile.RatePerHourAt(TimeSpan.FromHours(1)), 6);
        Assert.Equal(0, profile.RatePerHourAt(TimeSpan.FromHours(3.5)));
        Assert.Equal(0, profile.RatePerHourAt(TimeSpan.FromMinutes(-1)));
        Assert.Equal(27.5 + 45 + 5, profile.ExpectedArrivals(), 6);
    }

    [Fact]
    public void A_profile_with_times_out_of_order_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new ArrivalProfile(
        [
            new(new TimeOnly(10, 0), 5),
            new(new TimeOnly(9, 0), 5),
        ]));

        Assert.Contains("must increase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_that_brings_nobody_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ArrivalProfile([new(new TimeOnly(9, 0), 0), new(new TimeOnly(10, 0), 0)]));
        Assert.Throws<ArgumentException>(() => new ArrivalProfile([new(new TimeOnly(9, 0), 5)]));
        Assert.Throws<ArgumentException>(() => new ArrivalProfile([new(new TimeOnly(9, 0), -1), new(new TimeOnly(10, 0), 5)]));
    }
}
