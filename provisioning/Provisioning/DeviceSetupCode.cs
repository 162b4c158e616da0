using System.Text.Json;
using System.Text.Json.Nodes;
using Hall.Contract;
using Hall.DeviceRegistry;

namespace Hall.Provisioning;

/// <summary>
/// What a device's setup screen reads from the QR code: the credentials as JSON, every field they carry (the box's
/// certificate fingerprint, a web device's setup link, when the registry adds them), plus the box's address.
/// </summary>
public static class DeviceSetupCode
{
    public static JsonObject Fields(DeviceCredentials credentials, string? boxAddress)
    {
        var fields = JsonSerializer.SerializeToNode(credentials, HallJson.Options)!.AsObject();
        if (!string.IsNullOrWhiteSpace(boxAddress))
        {
            fields["box"] = boxAddress.Trim();
        }

        return fields;
    }

    public static string Text(DeviceCredentials credentials, string? boxAddress) => Fields(credentials, boxAddress).ToJsonString(HallJson.Options);
}
