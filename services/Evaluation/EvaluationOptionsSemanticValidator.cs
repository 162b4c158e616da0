using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

/// <summary>What annotations cannot say: deadlines in order, checks no slower than the window, each reason code once.</summary>
public sealed class EvaluationOptionsSemanticValidator : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RectifyWorkingDays < options.CallbackWorkingDays)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Evaluation:RectifyWorkingDays ({options.RectifyWorkingDays}) must not be shorter than Evaluation:CallbackWorkingDays ({options.CallbackWorkingDays}): the call-back comes first."));
        }

        if (options.WindowCheckInterval > options.RatingWindow)
        {
            errors.Add($"Evaluation:WindowCheckInterval ({options.WindowCheckInterval}) must be no longer than Evaluation:RatingWindow ({options.RatingWindow}).");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ReasonList.Count; i++)
        {
            var code = options.ReasonList[i].Code;
            if (!string.IsNullOrWhiteSpace(code) && !codes.Add(code))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Evaluation:ReasonList:{i}:Code '{code}' is listed twice."));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
