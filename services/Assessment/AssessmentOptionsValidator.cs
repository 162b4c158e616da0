using Microsoft.Extensions.Options;

namespace Hall.Assessment;

/// <summary>Checks the Assessment section at start: a bad value stops the box with a message naming the key.</summary>
public sealed class AssessmentOptionsValidator : IValidateOptions<AssessmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AssessmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.HallName))
        {
            failures.Add("Assessment:HallName (or Box:HallName) must name the hall: it is printed on the monthly report.");
        }

        if (options.DayCloseDelay < TimeSpan.Zero || options.DayCloseDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"Assessment:DayCloseDelay must be between 00:00:00 and 1.00:00:00 (is {options.DayCloseDelay}).");
        }

        if (options.CheckInterval < TimeSpan.FromSeconds(1) || options.CheckInterval > TimeSpan.FromHours(6))
        {
            failures.Add($"Assessment:CheckInterval must be between 00:00:01 and 06:00:00 (is {options.CheckInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
