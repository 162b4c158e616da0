using Hall.Contract.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Queue.Tests;

public sealed class OptionsTests
{
    private static readonly SectionValidator<QueueOptions> Validator = new(QueueOptions.Section, new QueueOptionsValidator(), new QueueOptionsSemanticValidator());

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

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Queue:DefaultInterleave", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Queue:RecallsBeforeSkip", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Queue:Counters:0:Categories", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(Validator.Validate(null, new QueueOptions()).Succeeded);
    }

    [Fact]
    public void A_bad_value_in_a_listed_item_is_named_by_its_full_key()
    {
        var options = new QueueOptions
        {
            MaxRecalls = 50,
            Categories = [new CategorySeed { Prefix = "A", Name = "公民类" }, new CategorySeed { Prefix = "AB", Name = " ", DailyLimit = 0 }],
            Counters =
            [
                new CounterSeed { Id = "1", Categories = ["A"] },
                new CounterSeed { Id = "2", Categories = ["A"], Interleave = "x" },
                new CounterSeed { Id = "3", Categories = [] },
            ],
        };

        var failures = Validator.Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Queue:Counters:2:Categories must list at least one category prefix", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Queue:Counters:1:Interleave must be \"O:P\"", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Queue:Categories:1:Prefix must be one letter", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Queue:Categories:1:Name is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Queue:Categories:1:DailyLimit must be between 1 and 999", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Queue:MaxRecalls must be between 0 and 20", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("QueueOptions", StringComparison.Ordinal) || f.Contains('[', StringComparison.Ordinal));
    }

    [Fact]
    public void A_duration_given_as_a_bare_number_is_refused()
    {
        // "30" is thirty days to TimeSpan, not thirty seconds.
        var failures = Validator.Validate(null, new QueueOptions { SupervisorInterval = TimeSpan.Parse("30", System.Globalization.CultureInfo.InvariantCulture) }).Failures!;

        Assert.Contains(failures, f => f.Contains("Queue:SupervisorInterval", StringComparison.Ordinal));
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
