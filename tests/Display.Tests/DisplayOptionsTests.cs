using Hall.Contract;
using Hall.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Display.Tests;

public class DisplayOptionsTests
{
    [Fact]
    public void The_speech_cache_lives_under_the_box_data_directory_by_default()
    {
        using var temp = new TempDirectory();
        using var host = Build(temp, new() { ["Box:DataDirectory"] = temp.Path });

        var options = host.Services.GetRequiredService<IOptions<DisplayOptions>>().Value;

        Assert.Equal(Path.Combine(temp.Path, "speech"), options.CacheDirectory);
        Assert.Equal(8, options.RecentCalls);
    }

    [Fact]
    public async Task A_box_without_a_data_directory_or_cache_directory_refuses_to_start_and_says_why()
    {
        using var temp = new TempDirectory();
        using var host = Build(temp, new());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Display:CacheDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_range_setting_refuses_to_start()
    {
        using var temp = new TempDirectory();
        using var host = Build(temp, new() { ["Box:DataDirectory"] = temp.Path, ["Display:RecentCalls"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("RecentCalls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_is_named_by_its_full_key()
    {
        using var temp = new TempDirectory();
        using var host = Build(temp, new() { ["Box:DataDirectory"] = temp.Path, ["Display:SynthesisTimeout"] = "00:10:00", ["Display:Voice"] = "cmn latn" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("Display:SynthesisTimeout must be between 00:00:01 and 00:05:00", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Display:Voice must be an espeak-ng voice name", StringComparison.Ordinal));
    }

    private static IHost Build(TempDirectory temp, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new HallDatabase(temp.Combine("hall.db")));
        builder.Services.AddSingleton<IHallPublisher>(new RecordingPublisher());
        builder.AddDisplay();
        return builder.Build();
    }
}
