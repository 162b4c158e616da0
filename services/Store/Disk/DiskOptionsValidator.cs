using Microsoft.Extensions.Options;

namespace Hall.Store.Disk;

/// <summary>Checks <see cref="DiskOptions"/> at start, generated from its data annotations.</summary>
[OptionsValidator]
public sealed partial class DiskOptionsValidator : IValidateOptions<DiskOptions>
{
}
