using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Demo;

/// <summary>Checks the Demo section at start (with Box:Demo on), generated from the annotations on <see cref="DemoOptions"/>.</summary>
[OptionsValidator]
public sealed partial class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
}
