using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Analysis;

/// <summary>Checks each SiteInspection:Analysis setting, generated from the annotations on <see cref="AnalysisOptions"/>.</summary>
[OptionsValidator]
public sealed partial class AnalysisOptionsValidator : IValidateOptions<AnalysisOptions>
{
}
