using Microsoft.Extensions.Options;

namespace Hall.Contract.Settings;

/// <summary>
/// Runs the validators of one settings section (the one generated from data annotations, and a hand one for rules
/// across fields) and names every failure by its full key as written in settings: "Queue:Counters:2:Categories".
/// Register it as the section's one <see cref="IValidateOptions{TOptions}"/>, with <c>ValidateOnStart</c>.
/// </summary>
public sealed class SectionValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly string _section;
    private readonly IValidateOptions<TOptions>[] _validators;

    public SectionValidator(string section, params IValidateOptions<TOptions>[] validators)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(validators);
        _section = section;
        _validators = validators;
    }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var validator in _validators)
        {
            // A generated validator names a value by its path under the name it is given: "Queue.Counters[2].Categories".
            var result = validator.Validate(SettingsKeys.PathPrefix(_section), options);
            if (result.Failed)
            {
                failures.AddRange(result.Failures.Select(f => SettingsKeys.Keyed(_section, f)));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
