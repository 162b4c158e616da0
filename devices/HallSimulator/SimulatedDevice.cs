using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Hall.Contract;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hall.Devices.HallSimulator;

/// <summary>
/// One simulated device as a real MQTT client: it connects with its own credentials, leaves a retained
/// last will <c>{"online":false}</c>, announces <c>{"online":true}</c> on its status topic, listens on its own
/// <c>res/#</c> and matches answers to requests by requestId.
/// </summary>
public sealed class SimulatedDevice : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeviceReply>> _pending = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly string _responsePrefix;
    private long _nextRequest;

    public SimulatedDevice(string hallId, string deviceId, string? username, string? password, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(hallId);
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(time);
        HallId = hallId;
        DeviceId = deviceId;
        Username = username;
        Password = password;
        _time = time;
        _responsePrefix = $"hall/{hallId}/device/{deviceId}/res/";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public string HallId { get; }

    public string DeviceId { get; }

    public string? Username { get; }

    public string? Password { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Every message that is not an answer to this device's requests (display topics, counter states…).</summary>
    public event Action<SimulatedDevice, string, ReadOnlySequence<byte>, long>? MessageReceived;

    public async Task ConnectAsync(string host, int port, string firmware, CancellationToken cancellationToken, string? boxCertificateSha256 = null)
    {
        var status = Topics.DeviceStatus(HallId, DeviceId);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(DeviceId)
            .WithCleanSession()
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(15))
            .WithWillTopic(status)
            .WithWillPayload(HallJson.Serialize(new DeviceStatusMessage { Online = false, Firmware = firmware }))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (Username is not null)
        {
            builder = builder.WithCredentials(Username, Password);
        }

        if (!string.IsNullOrWhiteSpace(boxCertificateSha256))
        {
            // The box's own self-signed certificate: its pinned fingerprint is the whole check.
            builder = builder.WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(e => Hall.Contract.Tls.SelfSignedCertificate.Matches(e.Certificate, boxCertificateSha256)));
        }

        var result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Device {DeviceId} was refused by the broker: {result.ResultCode} {result.ReasonString}");
        }

        await SubscribeAsync([$"{_responsePrefix}#"], cancellationToken);
        await PublishAsync(status, HallJson.Serialize(new DeviceStatusMessage { Ts = _time.GetLocalNow(), Online = true, Firmware = firmware }), retain: true, cancellationToken);
    }

    public async Task SubscribeAsync(IEnumerable<string> topicFilters, CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in topicFilters)
        {
            builder = builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken);
        var refused = result.Items.Where(i => (int)i.ResultCode > 2).ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException($"Device {DeviceId} may not subscribe to {string.Join(", ", refused.Select(r => $"{r.TopicFilter.Topic} ({r.ResultCode})"))}.");
        }
    }

    /// <summary>A fresh requestId, unique within this device's run.</summary>
    public string NewRequestId() => $"{DeviceId}-{Interlocked.Increment(ref _nextRequest)}-{Environment.TickCount64 & 0xFFFFFF:x}";

    /// <summary>
    /// Sends <c>req/{name}</c> and waits for the matching <c>res/{name}</c>. <paramref name="payload"/> must
    /// already carry <paramref name="requestId"/>. Throws <see cref="TimeoutException"/> when no answer comes.
    /// </summary>
    public async Task<DeviceReply> RequestAsync(string name, string requestId, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<DeviceReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(requestId, pending))
        {
            throw new InvalidOperationException($"Request {requestId} is already in flight.");
        }

        try
        {
            await PublishAsync(Topics.Request(HallId, DeviceId, name), payload, retain: false, cancellationToken);
            return await pending.Task.WaitAsync(timeout, _time, cancellationToken);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    public async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            throw new InvalidOperationException($"Device {DeviceId} could not publish on {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    /// <summary>Leaves cleanly: status offline (retained), then disconnect.</summary>
    public async Task DisconnectAsync(string firmware, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            await PublishAsync(Topics.DeviceStatus(HallId, DeviceId), HallJson.Serialize(new DeviceStatusMessage { Ts = _time.GetLocalNow(), Online = false, Firmware = firmware }), retain: true, cancellationToken);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        }
        catch (Exception) when (!_client.IsConnected)
        {
            // Already gone: the last will says offline.
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }

        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var received = Stopwatch.GetTimestamp();
        var topic = e.ApplicationMessage.Topic;
        if (topic.StartsWith(_responsePrefix, StringComparison.Ordinal))
        {
            var payload = e.ApplicationMessage.Payload.ToArray();
            var (requestId, errorCode) = DeviceReply.Peek(payload);
            if (requestId is not null && _pending.TryGetValue(requestId, out var pending))
            {
                pending.TrySetResult(new DeviceReply(topic[_responsePrefix.Length..], payload, errorCode, received));
            }

            return Task.CompletedTask;
        }

        MessageReceived?.Invoke(this, topic, e.ApplicationMessage.Payload, received);
        return Task.CompletedTask;
    }
}
