using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

/// <summary>Checks the Evaluation settings at start; each message names the key to fix.</summary>
public sealed class EvaluationOptionsValidator : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RatingWindow < TimeSpan.FromSeconds(10) || options.RatingWindow > TimeSpan.FromDays(1))
        {
            errors.Add($"Evaluation:RatingWindow must be between 00:00:10 and 1.00:00:00; it is {options.RatingWindow}.");
        }

        Range(errors, "Evaluation:CallbackWorkingDays", options.CallbackWorkingDays, 1, 60);
        Range(errors, "Evaluation:RectifyWorkingDays", options.RectifyWorkingDays, 1, 120);
        if (options.RectifyWorkingDays < options.CallbackWorkingDays)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Evaluation:RectifyWorkingDays ({options.RectifyWorkingDays}) must not be shorter than Evaluation:CallbackWorkingDays ({options.CallbackWorkingDays}): the call-back comes first."));
        }

        if (options.WindowCheckInterval < TimeSpan.FromSeconds(1) || options.WindowCheckInterval > options.RatingWindow)
        {
            errors.Add($"Evaluation:WindowCheckInterval must be at least 00:00:01 and no longer than Evaluation:RatingWindow; it is {options.WindowCheckInterval}.");
        }

        if (options.OverdueCheckInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Evaluation:OverdueCheckInterval must be at least 00:00:01; it is {options.OverdueCheckInterval}.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ReasonList.Count; i++)
        {
            var reason = options.ReasonList[i];
            if (string.IsNullOrWhiteSpace(reason.Code) || reason.Code.Any(char.IsWhiteSpace))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Evaluation:ReasonList:{i}:Code is required, without spaces (e.g. attitude)."));
            }
            else if (!codes.Add(reason.Code))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Evaluation:ReasonList:{i}:Code '{reason.Code}' is listed twice."));
            }

            if (string.IsNullOrWhiteSpace(reason.Text))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Evaluation:ReasonList:{i}:Text is required (e.g. 服务态度不好)."));
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
}
