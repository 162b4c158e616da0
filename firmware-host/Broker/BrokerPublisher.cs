using Hall.Contract;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// The box's voice: puts a message on the embedded broker and gives the same message to the live
/// pages, so MQTT devices and browsers see one stream.
/// </summary>
public sealed class BrokerPublisher : IHallPublisher
{
    public const string BoxClientId = "box";
    private readonly IEnumerable<IPublishObserver> _observers;
    private MqttServer? _server;

    public BrokerPublisher(string hallId, IEnumerable<IPublishObserver> observers)
    {
        HallId = hallId;
        _observers = observers;
    }

    public string HallId { get; }

    public void Attach(MqttServer server) => _server = server;

    public async Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var json = payload as byte[] ?? HallJson.Serialize(payload, payload.GetType());
        foreach (var observer in _observers)
        {
            observer.OnPublished(topic, json, retain);
        }

        if (_server is not { IsStarted: true } server)
        {
            // Before the broker starts, or once it has stopped (the box is shutting down and a camera's ffmpeg just
            // ended), nobody is connected; retained state is published again at the next start.
            return;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(json)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = BoxClientId }, cancellationToken);
        }
        catch (InvalidOperationException) when (!server.IsStarted)
        {
            // The broker stopped between the check and the send: the same as above.
        }
    }
}
