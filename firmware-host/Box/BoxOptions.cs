using System.ComponentModel.DataAnnotations;

namespace Hall.FirmwareHost.Box;

/// <summary>The box's own settings (section "Box"). docs/settings.md lists them all.</summary>
public sealed class BoxOptions
{
    public const string Section = "Box";

    /// <summary>The hall this box serves; the first level under <c>hall/</c> in every topic.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9-]{1,32}$", ErrorMessage = "{0} must be 1–32 letters, digits or '-'.")]
    public string HallId { get; set; } = "demo";

    /// <summary>Shown on tickets and pages.</summary>
    [Required]
    public string HallName { get; set; } = "示范镇便民服务中心";

    /// <summary>Where the SQLite store, speech cache and logs live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "/var/lib/hall";

    [Range(1, 65535)]
    public int MqttPort { get; set; } = 1883;

    [Range(1, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>Address the broker and pages listen on: the hall LAN, or 127.0.0.1 for tests.</summary>
    [Required]
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>IANA zone of the hall's clock: ticket days, opening hours and deadlines follow it.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// How phones on the hall's Wi-Fi reach the box, for the ticket's QR code (e.g. http://192.168.1.10:8080).
    /// Empty: the box's first LAN address and Box:HttpPort.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The largest MQTT publish (topic and payload) a device may send; a bigger one is refused, never retained, and its
    /// sender disconnected (PacketTooLarge). MQTT 5 clients are told the limit in the CONNACK.
    /// </summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MqttMaxPacketBytes { get; set; } = 256 * 1024;

    /// <summary>Run the hall simulator inside the box (demo and trade-show use).</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// The settings file hallctl box init writes, read after appsettings.json (<see cref="BoxSettingsFile"/>); set it in
    /// the environment or on the command line, where it is looked for before the file itself is read.
    /// </summary>
    public string SettingsFile { get; set; } = BoxSettingsFile.DefaultPath;

    // Transport security (issue 12): TLS everywhere by default; plain listeners only on an isolated device LAN.

    /// <summary>MQTT over TLS with the box's own certificate: every device connects here unless the device LAN is isolated.</summary>
    [Range(1, 65535)]
    public int MqttTlsPort { get; set; } = 8883;

    /// <summary>HTTPS for every page, and the only way to the admin console, the counter page and anything carrying a secret.</summary>
    [Range(1, 65535)]
    public int HttpsPort { get; set; } = 8444;

    /// <summary>Names and addresses the hall reaches the box by (e.g. 192.168.10.2, hall-box.local), put in a generated certificate.</summary>
    public IList<string> PublicNames { get; init; } = [];

    /// <summary>
    /// True only where the devices sit on a LAN of their own that the public cannot join: then plain MQTT (Box:MqttPort)
    /// and plain HTTP (Box:HttpPort) also listen, on Box:DeviceLanAddress, for devices that cannot do TLS and for the
    /// public read-only pages. Staff sign-in, staff pages and secrets are refused over plain HTTP even then.
    /// </summary>
    public bool DeviceLanIsolated { get; set; }

    /// <summary>The box's own address on the isolated device LAN, where the plain listeners go (never every address).</summary>
    public string? DeviceLanAddress { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "hall.db");
}
