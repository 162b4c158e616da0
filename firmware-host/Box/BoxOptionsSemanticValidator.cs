using System.Net;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Box;

/// <summary>What data annotations cannot say: a real time zone, a real address, two distinct ports.</summary>
public sealed class BoxOptionsSemanticValidator : IValidateOptions<BoxOptions>
{
    public ValidateOptionsResult Validate(string? name, BoxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Box:TimeZone '{options.TimeZone}' is not a known time zone (use an IANA id such as Asia/Shanghai).");
        }

        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"Box:BindAddress '{options.BindAddress}' is not an IP address (use 0.0.0.0 for the hall network or 127.0.0.1).");
        }

        if (options.MqttPort == options.HttpPort)
        {
            failures.Add($"Box:MqttPort and Box:HttpPort are both {options.MqttPort}; they must differ.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
