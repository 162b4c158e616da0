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

        ValidateTransport(options, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Distinct ports for every listener that runs, and plain listeners only on one named device-LAN address.</summary>
    private static void ValidateTransport(BoxOptions options, List<string> failures)
    {
        var ports = new List<(string Key, int Port)> { ("Box:MqttTlsPort", options.MqttTlsPort), ("Box:HttpsPort", options.HttpsPort) };
        if (options.DeviceLanIsolated)
        {
            ports.Add(("Box:MqttPort", options.MqttPort));
            ports.Add(("Box:HttpPort", options.HttpPort));
            var lan = options.DeviceLanAddress;
            if (string.IsNullOrWhiteSpace(lan) || !IPAddress.TryParse(lan, out var address))
            {
                failures.Add($"Box:DeviceLanIsolated is true, so Box:DeviceLanAddress must be the box's own IP address on the isolated device LAN (it is '{lan}').");
            }
            else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                failures.Add($"Box:DeviceLanAddress '{lan}' would put the plain listeners on every network; name the box's address on the isolated device LAN.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.DeviceLanAddress))
        {
            failures.Add("Box:DeviceLanAddress is set but Box:DeviceLanIsolated is false: set both to run plain listeners on an isolated device LAN, or neither.");
        }

        foreach (var clash in ports.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            failures.Add($"{string.Join(" and ", clash.Select(p => p.Key))} are all {clash.Key}; every listener needs its own port.");
        }

        foreach (var name in options.PublicNames.Where(n => string.IsNullOrWhiteSpace(n) || (n.Any(c => char.IsWhiteSpace(c) || c == '/' || c == ':') && !IPAddress.TryParse(n, out _))))
        {
            failures.Add($"Box:PublicNames '{name}' is neither a host name nor an IP address.");
        }
    }
}
