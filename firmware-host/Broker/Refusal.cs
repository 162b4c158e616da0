namespace Hall.FirmwareHost.Broker;

/// <summary>What the broker refused, the closed set of kinds /metrics counts and the logs summarise.</summary>
public enum Refusal
{
    /// <summary>Anonymous, unknown, revoked or wrong secret.</summary>
    Connect,

    /// <summary>A client id the device does not own (another device's, or no shape of its own).</summary>
    ClientId,

    /// <summary>A publish outside what the device's role may publish.</summary>
    Publish,

    /// <summary>A subscription outside what the device's role may read.</summary>
    Subscribe,

    /// <summary>A publish bigger than Box:MqttMaxPacketBytes.</summary>
    Oversized,

    /// <summary>A request topic with a wildcard, or a request the box could not read (bad JSON, unknown name).</summary>
    BadRequest,
}
