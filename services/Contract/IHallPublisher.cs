namespace Hall.Contract;

/// <summary>
/// Sends a message on a hall topic. The box's implementation publishes it through the embedded
/// broker and hands the same message to the live pages, so MQTT devices and browser pages see
/// one stream of events.
/// </summary>
public interface IHallPublisher
{
    /// <summary>The hall this box serves; topics are built from it.</summary>
    string HallId { get; }

    Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default);
}
