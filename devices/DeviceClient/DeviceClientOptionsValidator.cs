using Microsoft.Extensions.Options;

namespace Hall.Devices.Client;

/// <summary>Checks <see cref="DeviceClientOptions"/> at start (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class DeviceClientOptionsValidator : IValidateOptions<DeviceClientOptions>;
