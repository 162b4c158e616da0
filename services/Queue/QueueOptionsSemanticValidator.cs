using Microsoft.Extensions.Options;

namespace Hall.Queue;

/// <summary>What annotations cannot say: recalls before a skip, prefixes and counter ids listed once, known categories.</summary>
public sealed class QueueOptionsSemanticValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RecallsBeforeSkip > options.MaxRecalls)
        {
            errors.Add($"Queue:RecallsBeforeSkip ({options.RecallsBeforeSkip}) must not exceed Queue:MaxRecalls ({options.MaxRecalls}), or no ticket could ever be skipped.");
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Categories.Count; i++)
        {
            var prefix = options.Categories[i].Prefix.Trim().ToUpperInvariant();
            if (prefix.Length == 1 && !prefixes.Add(prefix))
            {
                errors.Add($"Queue:Categories:{i}:Prefix '{prefix}' is listed twice.");
            }
        }

        var known = options.Categories.Count > 0 ? prefixes : QueueOptions.DemoCategories.Select(c => c.Prefix).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Counters.Count; i++)
        {
            var seed = options.Counters[i];
            if (!string.IsNullOrWhiteSpace(seed.Id) && !ids.Add(seed.Id.Trim()))
            {
                errors.Add($"Queue:Counters:{i}:Id '{seed.Id}' is listed twice.");
            }

            foreach (var category in seed.Categories.Where(c => !known.Contains(c.Trim().ToUpperInvariant())))
            {
                errors.Add($"Queue:Counters:{i}:Categories names '{category}', which is not a category in Queue:Categories.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
