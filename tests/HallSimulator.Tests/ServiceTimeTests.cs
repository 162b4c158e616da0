using Xunit;

namespace Hall.Devices.HallSimulator.Tests;

public class ServiceTimeTests
{
    [Fact]
    public void Service_times_average_to_each_categorys_mean()
    {
        var model = new ServiceTimeModel(CategoryProfile.Defaults());
        var random = new Random(11);

        var a = Enumerable.Range(0, 20_000).Average(_ => model.Sample("A", random).TotalMinutes);
        var b = Enumerable.Range(0, 20_000).Average(_ => model.Sample("B", random).TotalMinutes);

        Assert.InRange(a, 6 * 0.97, 6 * 1.03);
        Assert.InRange(b, 12 * 0.97, 12 * 1.03);
    }

    [Fact]
    public void Service_times_vary_but_stay_within_bounds()
    {
        var model = new ServiceTimeModel(CategoryProfile.Defaults());
        var random = new Random(5);

        var samples = Enumerable.Range(0, 5_000).Select(_ => model.Sample("A", random)).ToList();

        Assert.All(samples, s => Assert.InRange(s, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(48)));
        Assert.True(samples.Count(s => s < TimeSpan.FromMinutes(4)) > 500, "some quick services");
        Assert.True(samples.Count(s => s > TimeSpan.FromMinutes(9)) > 300, "some long services");
    }

    [Fact]
    public void With_no_spread_every_service_takes_the_mean()
    {
        var model = new ServiceTimeModel([new CategoryProfile("A", "公民类", 1, TimeSpan.FromMinutes(5), Spread: 0)]);

        Assert.Equal(300, model.Sample("A", new Random(1)).TotalSeconds, 3);
    }

    [Fact]
    public void An_unknown_category_or_a_zero_mean_is_refused()
    {
        var model = new ServiceTimeModel(CategoryProfile.Defaults());

        Assert.Throws<ArgumentException>(() => model.Sample("Z", new Random(1)));
        Assert.Throws<ArgumentException>(() => new ServiceTimeModel([new CategoryProfile("A", "公民类", 1, TimeSpan.Zero)]));
    }

    [Fact]
    public void The_category_mix_follows_the_weights()
    {
        var mix = new CategoryMix(CategoryProfile.Defaults());
        var random = new Random(9);

        var a = Enumerable.Range(0, 10_000).Count(_ => mix.Pick(random).Category == "A");

        Assert.InRange(a, 6_800, 7_200);
    }

    [Fact]
    public void A_mix_without_weight_or_with_duplicate_prefixes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CategoryMix([new CategoryProfile("A", "公民类", 0, TimeSpan.FromMinutes(5))]));
        Assert.Throws<ArgumentException>(() => new CategoryMix(
        [
            new CategoryProfile("A", "公民类", 1, TimeSpan.FromMinutes(5)),
            new CategoryProfile("A", "法人类", 1, TimeSpan.FromMinutes(5)),
        ]));
    }
}
