using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Hall.DeviceRegistry;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// An MQTTnet client of either protocol version that keeps what it receives and how it was disconnected, for the
/// broker's refusals (reason codes, SUBACK codes, cut sessions). Every wait is bounded.
/// </summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly Channel<(string Topic, byte[] Payload)> _messages = Channel.CreateUnbounded<(string, byte[])>();
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MqttProbe(IMqttClient client, string hallId, string deviceId)
    {
        Client = client;
        HallId = hallId;
        DeviceId = deviceId;
        client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Writer.TryWrite((e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                _disconnected.TrySetResult(e);
            }

            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public string HallId { get; }

    public string DeviceId { get; }

    public MqttClientConnectResult? ConnectResult { get; private set; }

    public bool IsConnected => Client.IsConnected;

    /// <summary>Connects; a refused CONNECT throws <see cref="RefusedException"/> with the CONNACK's code.</summary>
    public static async Task<MqttProbe> ConnectAsync(BoxProcess box, DeviceCredentials who, MqttProtocolVersion version, string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(who);
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client, box.HallId, who.DeviceId);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            probe.ConnectResult = await client.ConnectAsync(
                new MqttClientOptionsBuilder()
                    .WithTcpServer("127.0.0.1", box.MqttPort)
                    .WithProtocolVersion(version)
                    .WithClientId(clientId ?? $"{who.DeviceId}-{Guid.NewGuid():N}"[..Math.Min(60, who.DeviceId.Length + 9)])
                    .WithCredentials(who.Username, who.Password)
                    .WithCleanSession()
                    .WithTimeout(TimeSpan.FromSeconds(15))
                    .Build(),
                cts.Token);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        if (probe.ConnectResult.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new RefusedException(probe.ConnectResult.ResultCode);
        }

        // Its own replies, which every role may read.
        await probe.SubscribeAsync(probe.Topic("res/#"));
        return probe;
    }

    public string Topic(string rest) => $"hall/{HallId}/device/{DeviceId}/{rest}";

    public async Task<MqttClientSubscribeResult> SubscribeAsync(params string[] filters)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await Client.SubscribeAsync(builder.Build(), cts.Token);
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cts.Token);
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload), retain);

    /// <summary>The next message received, as parsed JSON with its topic.</summary>
    public async Task<(string Topic, JsonElement Json)> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var (topic, payload) = await _messages.Reader.ReadAsync(cts.Token);
            using var document = JsonDocument.Parse(payload);
            return (topic, document.RootElement.Clone());
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{DeviceId}: no message within {timeout}");
        }
    }

    /// <summary>Sends <paramref name="payload"/> to its own <c>req/{name}</c> and returns the next message on <c>res/{name}</c>.</summary>
    public async Task<JsonElement> RequestAsync(string name, byte[] payload)
    {
        await PublishAsync(Topic($"req/{name}"), payload);
        while (true)
        {
            var (topic, json) = await NextAsync(TimeSpan.FromSeconds(15));
            if (topic == Topic($"res/{name}"))
            {
                return json;
            }
        }
    }

    public Task<JsonElement> RequestAsync(string name, string json) => RequestAsync(name, Encoding.UTF8.GetBytes(json));

    /// <summary>Waits until the broker cut this client, and returns how.</summary>
    public async Task<MqttClientDisconnectedEventArgs> DisconnectedAsync(TimeSpan timeout) => await _disconnected.Task.WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.IsConnected)
            {
                await Client.DisconnectAsync();
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
        }

        Client.Dispose();
    }

    /// <summary>One counter of the box's /metrics, e.g. <c>hall_mqtt_refused_total{kind="publish"}</c>.</summary>
    public static async Task<long> MetricAsync(BoxProcess box, string series)
    {
        var text = await MetricsAsync(box);
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<string> MetricsAsync(BoxProcess box)
    {
        ArgumentNullException.ThrowIfNull(box);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri(box.BaseUri, "metrics"));
    }

    /// <summary>The broker refused the CONNECT with <see cref="ResultCode"/>.</summary>
    public sealed class RefusedException(MqttClientConnectResultCode resultCode) : Exception($"CONNECT refused: {resultCode}")
    {
        public MqttClientConnectResultCode ResultCode { get; } = resultCode;
    }
}
