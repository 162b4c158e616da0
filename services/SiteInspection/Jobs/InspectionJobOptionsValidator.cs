using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Jobs;

/// <summary>Checks SiteInspection:Jobs at start, generated from the annotations on <see cref="InspectionJobOptions"/>.</summary>
[OptionsValidator]
public sealed partial class InspectionJobOptionsValidator : IValidateOptions<InspectionJobOptions>
{
}
