using Microsoft.Extensions.Options;

namespace Hall.Staff;

/// <summary>Checks the Staff settings at start from their annotations.</summary>
[OptionsValidator]
public sealed partial class StaffOptionsValidator : IValidateOptions<StaffOptions>
{
}
