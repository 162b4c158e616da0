using System.Text.Json;
using Hall.Contract;

namespace Hall.Devices.Client;

/// <summary>The JSON a technician gets when enrolling a device: <c>{"deviceId","username","password"}</c>.</summary>
public sealed record DeviceProvisioning
{
    public string? DeviceId { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Present when the enrollment tool knows them; used only if the settings leave them empty.</summary>
    public string? HallId { get; init; }

    public string? Host { get; init; }

    /// <summary>The box's certificate fingerprint the device pins (and so connects over TLS).</summary>
    public string? BoxCertificateSha256 { get; init; }

    /// <summary>Fills the settings left empty from the file named by <see cref="DeviceClientOptions.ProvisioningFile"/>.</summary>
    public static void Apply(DeviceClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ProvisioningFile))
        {
            return;
        }

        DeviceProvisioning? provisioning;
        try
        {
            provisioning = HallJson.Deserialize<DeviceProvisioning>(File.ReadAllBytes(options.ProvisioningFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException(
                $"Box:ProvisioningFile '{options.ProvisioningFile}' cannot be read ({ex.Message}). " +
                "Save the JSON the enrollment printed for this device there, or set Box:DeviceId, Box:Username and Box:Password.",
                ex);
        }

        if (provisioning is null)
        {
            return;
        }

        options.DeviceId = Pick(options.DeviceId, provisioning.DeviceId);
        options.Username = Pick(options.Username, provisioning.Username);
        options.Password = Pick(options.Password, provisioning.Password);
        options.HallId = Pick(options.HallId, provisioning.HallId);
        options.Host = Pick(options.Host, provisioning.Host);
        options.BoxCertificateSha256 = string.IsNullOrEmpty(options.BoxCertificateSha256) ? provisioning.BoxCertificateSha256 : options.BoxCertificateSha256;
    }

    private static string Pick(string configured, string? provisioned) =>
        string.IsNullOrEmpty(configured) ? provisioned ?? string.Empty : configured;
}
