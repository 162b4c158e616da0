using Microsoft.Extensions.Options;

namespace Hall.Sync;

/// <summary>Checks <see cref="SyncOptions"/> at start, generated from its data annotations.</summary>
[OptionsValidator]
public sealed partial class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
}
