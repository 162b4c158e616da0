using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Evidence;

/// <summary>Checks <see cref="EvidenceOptions"/> at start, generated from its data annotations.</summary>
[OptionsValidator]
public sealed partial class EvidenceOptionsValidator : IValidateOptions<EvidenceOptions>
{
}
