using Microsoft.Extensions.Options;

namespace Hall.Devices.CallerKeypad;

/// <summary>Checks <see cref="CallerKeypadOptions"/> at start (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class CallerKeypadOptionsValidator : IValidateOptions<CallerKeypadOptions>;
