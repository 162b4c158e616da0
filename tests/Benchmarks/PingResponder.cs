using System.Buffers;
using System.Threading.Channels;
using Hall.Contract;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hall.Benchmarks;

/// <summary>
/// Stands in for the box on a plain broker: answers every <c>req/ping</c> on <c>res/ping</c> with the same
/// requestId. Answers are published by a few workers so that one PUBACK round trip does not serialise them.
/// </summary>
public sealed class PingResponder : IAsyncDisposable
{
    private const int Workers = 8;
    private readonly string _hallId;
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _answers = Channel.CreateBounded<MqttApplicationMessage>(new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private Task[] _workers = [];

    public PingResponder(string hallId)
    {
        _hallId = hallId;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            var request = HallJson.Deserialize<PingReply>(e.ApplicationMessage.Payload.IsSingleSegment ? e.ApplicationMessage.Payload.FirstSpan : e.ApplicationMessage.Payload.ToArray());
            var topic = e.ApplicationMessage.Topic.Replace("/req/", "/res/", StringComparison.Ordinal);
            var answer = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(HallJson.Serialize(new PingReply(request?.RequestId, DateTimeOffset.Now)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await _answers.Writer.WriteAsync(answer, _stop.Token);
        };
    }

    public async Task StartAsync(string host, int port, CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("bench-responder")
            .WithCleanSession()
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build();
        await _client.ConnectAsync(options, cancellationToken);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"hall/{_hallId}/device/+/req/ping", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        _workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(PublishAsync)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _answers.Writer.TryComplete();
        await Task.WhenAll(_workers);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task PublishAsync()
    {
        try
        {
            await foreach (var answer in _answers.Reader.ReadAllAsync(_stop.Token))
            {
                await _client.PublishAsync(answer, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
