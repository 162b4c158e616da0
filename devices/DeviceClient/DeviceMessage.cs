namespace Hall.Devices.Client;

/// <summary>
/// A message from the box on a topic the device subscribed to with <see cref="HallDeviceClient.SubscribeAsync"/>
/// (e.g. its counter's <c>evaluate</c>), as opposed to an answer on its own <c>res/</c>.
/// </summary>
/// <param name="Topic">The full MQTT topic.</param>
/// <param name="Payload">The payload bytes (UTF-8 JSON, or empty when a retained message was cleared).</param>
/// <param name="Retain">True when the broker delivered a retained message (on subscribing).</param>
public sealed record DeviceMessage(string Topic, byte[] Payload, bool Retain);
