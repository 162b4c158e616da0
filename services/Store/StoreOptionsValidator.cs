using Microsoft.Extensions.Options;

namespace Hall.Store;

/// <summary>Checks <see cref="StoreOptions"/> at start, generated from its data annotations.</summary>
[OptionsValidator]
public sealed partial class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
}
