using System.ComponentModel.DataAnnotations;

namespace Hall.Devices.Client;

/// <summary>
/// Settings section <c>Box</c>: how a device reaches its hall's box. The device's id, username and password
/// come from the provisioning JSON the technician gets at enrollment, either copied in here or read from
/// <see cref="ProvisioningFile"/>.
/// </summary>
public sealed class DeviceClientOptions
{
    public const string SectionName = "Box";

    /// <summary>One MQTT topic level: no '/', '+', '#' or spaces.</summary>
    internal const string TopicLevel = @"^[A-Za-z0-9_\-\.]+$";

    [Required(ErrorMessage = "Box:Host is missing: set the box's address on the hall network, e.g. 192.168.10.2.")]
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535, ErrorMessage = "Box:Port must be a TCP port (1883 unless the box was set up otherwise).")]
    public int Port { get; set; } = 1883;

    [Required(ErrorMessage = "Box:HallId is missing: set the hall's id as shown on the box's admin page.")]
    [RegularExpression(TopicLevel, ErrorMessage = "Box:HallId may hold only letters, digits, '-', '_' and '.'.")]
    public string HallId { get; set; } = string.Empty;

    [Required(ErrorMessage = "Box:DeviceId is missing: copy deviceId from the provisioning JSON, or set Box:ProvisioningFile.")]
    [RegularExpression(TopicLevel, ErrorMessage = "Box:DeviceId may hold only letters, digits, '-', '_' and '.'.")]
    public string DeviceId { get; set; } = string.Empty;

    [Required(ErrorMessage = "Box:Username is missing: copy username from the provisioning JSON, or set Box:ProvisioningFile.")]
    public string Username { get; set; } = string.Empty;

    [Required(ErrorMessage = "Box:Password is missing: copy password from the provisioning JSON, or set Box:ProvisioningFile.")]
    public string Password { get; set; } = string.Empty;

    /// <summary>
    /// The box's certificate fingerprint (<c>boxCertificateSha256</c> of the provisioning JSON, 64 hex digits). Set, the
    /// device connects over TLS (Box:Port is then the box's TLS port, 8883) and refuses a box presenting any other
    /// certificate. Empty: plain MQTT, for a box whose device LAN is isolated.
    /// </summary>
    [RegularExpression("^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$", ErrorMessage = "Box:BoxCertificateSha256 must be the 64 hex digits the enrollment printed as boxCertificateSha256.")]
    public string? BoxCertificateSha256 { get; set; }

    /// <summary>
    /// Path of the provisioning JSON <c>{"deviceId","username","password"}</c>; its values fill the three settings
    /// left empty above.
    /// </summary>
    public string? ProvisioningFile { get; set; }

    /// <summary>Reported in the device's status; the program's version when empty.</summary>
    public string? Firmware { get; set; }

    /// <summary>How long to wait for the box's answer, resending after a reconnect, before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait after a failed connect; doubles on each failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>MQTT keep-alive: the broker declares the device offline (last will) after 1.5 times this without a packet.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
