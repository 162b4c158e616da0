using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Analysis;

/// <summary>What annotations cannot say: samples on whole frames of the hash track, and a calm below a splice.</summary>
public sealed class AnalysisOptionsSemanticValidator : IValidateOptions<AnalysisOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        double analysisRate = options.AnalysisRate, sampleRate = options.SampleRate;
        if (double.IsFinite(analysisRate) && double.IsFinite(sampleRate) && sampleRate > 0
            && (analysisRate < sampleRate || Math.Abs((analysisRate / sampleRate) - Math.Round(analysisRate / sampleRate)) > 1e-9))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{AnalysisOptions.Section}:AnalysisRate ({analysisRate}) must be a whole multiple of {AnalysisOptions.Section}:SampleRate ({sampleRate}): samples are every n-th frame of the hash track."));
        }

        if (options.SpliceCalmDistance >= options.SpliceMinDistance)
        {
            errors.Add($"{AnalysisOptions.Section}:SpliceCalmDistance ({options.SpliceCalmDistance}) must be below {AnalysisOptions.Section}:SpliceMinDistance ({options.SpliceMinDistance}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
