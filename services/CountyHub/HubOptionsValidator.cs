using Microsoft.Extensions.Options;

namespace Hall.CountyHub;

/// <summary>Checks <see cref="HubOptions"/> at start, generated from its data annotations.</summary>
[OptionsValidator]
public sealed partial class HubOptionsValidator : IValidateOptions<HubOptions>
{
}
