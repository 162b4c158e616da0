using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Queue.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Bad_settings_are_named_by_their_key()
    {
        var options = new QueueOptions
        {
            DefaultInterleave = "two to one",
            RecallsBeforeSkip = 5,
            MaxRecalls = 3,
            Counters = [new CounterSeed { Id = "1", Categories = ["Q"] }],
        };

        var result = new QueueOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Queue:DefaultInterleave", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Queue:RecallsBeforeSkip", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Queue:Counters:0:Categories", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new QueueOptionsValidator().Validate(null, new QueueOptions()).Succeeded);
    }

    [Fact]
    public void AddQueue_binds_the_Queue_section_and_checks_it()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Queue:MaxOvertakes"] = "2",
            ["Queue:LongestWait"] = "00:45:00",
            ["Queue:Categories:0:Prefix"] = "A",
            ["Queue:Categories:0:Name"] = "公民类",
            ["Queue:Counters:0:Id"] = "1",
            ["Queue:Counters:0:Categories:0"] = "A",
            ["Queue:Counters:0:Interleave"] = "9",
        });
        builder.AddQueue();
        using var provider = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QueueOptions>>().Value);

        Assert.Contains("Queue:Counters:0:Interleave", error.Message, StringComparison.Ordinal);
    }
}
