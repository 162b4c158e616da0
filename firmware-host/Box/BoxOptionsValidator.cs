using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Box;

/// <summary>Checks the box's settings at start, naming the key that is wrong.</summary>
[OptionsValidator]
public sealed partial class BoxOptionsValidator : IValidateOptions<BoxOptions>
{
}
