using Microsoft.Extensions.Options;

namespace Hall.SiteInspection;

/// <summary>Checks the SiteInspection section at start, generated from the annotations on <see cref="SiteInspectionOptions"/>.</summary>
[OptionsValidator]
public sealed partial class SiteInspectionOptionsValidator : IValidateOptions<SiteInspectionOptions>
{
}
