using Microsoft.Extensions.Options;

namespace Hall.Display;

/// <summary>Checks <see cref="DisplayOptions"/> at start, generated from its data annotations.</summary>
[OptionsValidator]
public sealed partial class DisplayOptionsValidator : IValidateOptions<DisplayOptions>
{
}
