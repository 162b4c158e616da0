using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hall.Queue;

/// <summary>Checks the Queue settings at start; each message names the key to fix.</summary>
public sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Range(errors, "Queue:MaxRecalls", options.MaxRecalls, 0, 20);
        Range(errors, "Queue:RecallsBeforeSkip", options.RecallsBeforeSkip, 0, 20);
        if (options.RecallsBeforeSkip > options.MaxRecalls)
        {
            errors.Add($"Queue:RecallsBeforeSkip ({options.RecallsBeforeSkip}) must not exceed Queue:MaxRecalls ({options.MaxRecalls}), or no ticket could ever be skipped.");
        }

        if (!InterleaveRule.TryParse(options.DefaultInterleave, out _))
        {
            errors.Add($"Queue:DefaultInterleave '{options.DefaultInterleave}' must be \"O:P\" (ordinary then priority calls, 0–99 each, not both 0), e.g. 2:1.");
        }

        Range(errors, "Queue:MaxOvertakes", options.MaxOvertakes, 0, 1000);
        Range(errors, "Queue:MaxReprints", options.MaxReprints, 0, 100);
        Range(errors, "Queue:ServiceTimeWindow", options.ServiceTimeWindow, 1, 1000);
        Positive(errors, "Queue:DefaultServiceTime", options.DefaultServiceTime);
        Positive(errors, "Queue:LongestWait", options.LongestWait);
        Positive(errors, "Queue:LongestService", options.LongestService);
        Positive(errors, "Queue:IdleCounterAfter", options.IdleCounterAfter);
        if (options.SupervisorInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Queue:SupervisorInterval must be at least 00:00:01; it is {options.SupervisorInterval}.");
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Categories.Count; i++)
        {
            var seed = options.Categories[i];
            var prefix = seed.Prefix.Trim().ToUpperInvariant();
            if (prefix.Length != 1 || prefix[0] is < 'A' or > 'Z')
            {
                errors.Add($"Queue:Categories:{i}:Prefix '{seed.Prefix}' must be one letter A–Z.");
            }
            else if (!prefixes.Add(prefix))
            {
                errors.Add($"Queue:Categories:{i}:Prefix '{prefix}' is listed twice.");
            }

            if (string.IsNullOrWhiteSpace(seed.Name))
            {
                errors.Add($"Queue:Categories:{i}:Name is required (e.g. 公民类).");
            }

            Range(errors, string.Create(CultureInfo.InvariantCulture, $"Queue:Categories:{i}:DailyLimit"), seed.DailyLimit, 1, TicketNumbering.MaxNumber);
        }

        var known = options.Categories.Count > 0 ? prefixes : QueueOptions.DemoCategories.Select(c => c.Prefix).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Counters.Count; i++)
        {
            var seed = options.Counters[i];
            if (string.IsNullOrWhiteSpace(seed.Id))
            {
                errors.Add($"Queue:Counters:{i}:Id is required (e.g. 1).");
            }
            else if (!ids.Add(seed.Id.Trim()))
            {
                errors.Add($"Queue:Counters:{i}:Id '{seed.Id}' is listed twice.");
            }

            if (seed.Categories.Count == 0)
            {
                errors.Add($"Queue:Counters:{i}:Categories must list at least one category prefix.");
            }

            foreach (var category in seed.Categories.Where(c => !known.Contains(c.Trim().ToUpperInvariant())))
            {
                errors.Add($"Queue:Counters:{i}:Categories names '{category}', which is not a category in Queue:Categories.");
            }

            if (!string.IsNullOrWhiteSpace(seed.Interleave) && !InterleaveRule.TryParse(seed.Interleave, out _))
            {
                errors.Add($"Queue:Counters:{i}:Interleave '{seed.Interleave}' must be \"O:P\", e.g. 2:1.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max}; it is {value}."));
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be a positive duration such as 00:10:00; it is {value}.");
        }
    }
}
