using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using Hall.Contract;
using Hall.Contract.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;

namespace Hall.Devices.Client;

/// <summary>
/// A device's MQTT link to its box, per contract v1: connects with the device's credentials, announces
/// <c>status</c> (retained, with a retained last will <c>{"online":false}</c>), listens on its own
/// <c>res/#</c>, and matches each answer to its request by <c>requestId</c>.
/// </summary>
/// <remarks>
/// <see cref="RunAsync"/> keeps the link up with exponential backoff. A request whose link drops before the
/// answer is sent again with the same <c>requestId</c> once the link is back (the box answers a repeat with the
/// first answer), until <see cref="DeviceClientOptions.RequestTimeout"/>.
/// <see cref="DisconnectAsync"/> goes offline cleanly; <see cref="DisposeAsync"/> just drops the connection,
/// as a crash would, so the broker publishes the last will.
/// </remarks>
public sealed class HallDeviceClient : IAsyncDisposable
{
    private readonly DeviceClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IMqttClient _mqtt;
    private readonly string _responsePrefix;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeviceReply>> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<string> _subscriptions = [];
    private Link _link = new();

    public HallDeviceClient(IOptions<DeviceClientOptions> options, TimeProvider timeProvider, ILogger<HallDeviceClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _responsePrefix = Topics.Response(_options.HallId, _options.DeviceId, string.Empty);
        Firmware = string.IsNullOrEmpty(_options.Firmware)
            ? Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "unknown"
            : _options.Firmware;

        _mqtt = new MqttClientFactory().CreateMqttClient();
        _mqtt.ApplicationMessageReceivedAsync += OnMessageAsync;
        _mqtt.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Raised with true once connected, subscribed and announced online; with false when the link drops.</summary>
    public event EventHandler<bool>? ConnectionChanged;

    /// <summary>
    /// Raised for every message on a topic added with <see cref="SubscribeAsync"/>, on MQTTnet's receive thread:
    /// handlers should hand work off quickly.
    /// </summary>
    public event EventHandler<DeviceMessage>? MessageReceived;

    public string HallId => _options.HallId;

    public string DeviceId => _options.DeviceId;

    public string Firmware { get; }

    /// <summary>True while the link is up and the device has announced itself.</summary>
    public bool IsOnline
    {
        get
        {
            lock (_lock)
            {
                return _link.Up.Task.IsCompleted && !_link.Lost.Task.IsCompleted;
            }
        }
    }

    /// <summary>
    /// Connects once: CONNECT with credentials and last will, SUBSCRIBE to <c>res/#</c>, then the retained
    /// online status. Throws when the box cannot be reached or refuses the credentials.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Link link;
        lock (_lock)
        {
            if (_link.Lost.Task.IsCompleted)
            {
                _link = new Link();
            }

            link = _link;
        }

        try
        {
            await _mqtt.ConnectAsync(BuildOptions(), cancellationToken);
            string[] extra;
            lock (_lock)
            {
                extra = [.. _subscriptions];
            }

            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(_responsePrefix + "#", MqttQualityOfServiceLevel.AtLeastOnce);
            foreach (var filter in extra)
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            var granted = await _mqtt.SubscribeAsync(subscribe.Build(), cancellationToken);
            LogRefusedSubscriptions(granted);
            await PublishStatusAsync(online: true, cancellationToken);
        }
        catch
        {
            if (_mqtt.IsConnected)
            {
                // Half set up (refused subscription, failed status): drop it so the next attempt starts clean.
                await _mqtt.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }

            throw;
        }

        Log.Connected(_logger, _options.Host, _options.Port, _options.DeviceId);
        link.Up.TrySetResult();
        ConnectionChanged?.Invoke(this, true);
    }

    /// <summary>
    /// Listens on <paramref name="topicFilter"/> as well as the device's own <c>res/#</c>, now if connected and on
    /// every later connect; its messages arrive through <see cref="MessageReceived"/>. The box's access list decides
    /// what a device may subscribe to (an evaluator: its own counter's <c>evaluate</c>); a refusal is logged.
    /// </summary>
    public async Task SubscribeAsync(string topicFilter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        bool connected;
        lock (_lock)
        {
            if (_subscriptions.Contains(topicFilter))
            {
                return;
            }

            // Added before looking at the link: a connect that has not read the list yet will include it.
            _subscriptions.Add(topicFilter);
            connected = _mqtt.IsConnected;
        }

        if (!connected)
        {
            return;
        }

        try
        {
            var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build();
            LogRefusedSubscriptions(await _mqtt.SubscribeAsync(options, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The link dropped meanwhile: the next connect subscribes.
            Log.SubscribeFailed(_logger, topicFilter, ex.GetBaseException().Message);
        }
    }

    /// <summary>Keeps the link up until <paramref name="stoppingToken"/> fires, waiting longer after each failure.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var delay = _options.ReconnectMinDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Link link;
                lock (_lock)
                {
                    link = _link;
                }

                if (!_mqtt.IsConnected || !link.Up.Task.IsCompleted)
                {
                    try
                    {
                        await ConnectAsync(stoppingToken);
                        delay = _options.ReconnectMinDelay;
                    }
                    catch (MqttConnectingFailedException ex)
                    {
                        Log.Refused(_logger, ex.Message, delay);
                        await Task.Delay(delay, _timeProvider, stoppingToken);
                        delay = NextDelay(delay);
                        continue;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.ConnectFailed(_logger, _options.Host, _options.Port, ex.GetBaseException().Message, delay);
                        await Task.Delay(delay, _timeProvider, stoppingToken);
                        delay = NextDelay(delay);
                        continue;
                    }

                    lock (_lock)
                    {
                        link = _link;
                    }
                }

                await link.Lost.Task.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Sends <c>req/{name}</c> and waits for the <c>res/{name}</c> with the same <paramref name="requestId"/>.
    /// Never throws for a box that is down or slow: the reply then carries <see cref="DeviceReply.NoReplyCode"/>.
    /// </summary>
    /// <param name="name">The request name, e.g. <see cref="Topics.Requests.Ticket"/>.</param>
    /// <param name="requestId">The id inside <paramref name="payload"/>.</param>
    /// <param name="payload">The request's JSON (UTF-8), with requestId and ts.</param>
    /// <param name="cancellationToken">Stops waiting (shutdown).</param>
    public async Task<DeviceReply> RequestAsync(string name, string requestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(requestId);

        var answer = new TaskCompletionSource<DeviceReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(requestId, answer))
        {
            throw new InvalidOperationException($"Request {requestId} is already waiting for its answer.");
        }

        var topic = Topics.Request(_options.HallId, _options.DeviceId, name);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var registration = linked.Token.Register(() => answer.TrySetCanceled(linked.Token));
        try
        {
            while (true)
            {
                Link link;
                lock (_lock)
                {
                    link = _link;
                }

                await link.Up.Task.WaitAsync(linked.Token);
                try
                {
                    await PublishAsync(topic, payload, retain: false, linked.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.SendFailed(_logger, ex, name, requestId);
                    await Task.WhenAny(link.Lost.Task, Task.Delay(_options.ReconnectMinDelay, _timeProvider, linked.Token));
                    continue;
                }

                await Task.WhenAny(answer.Task, link.Lost.Task);
                if (answer.Task.IsCompleted)
                {
                    return await answer.Task;
                }

                // The link dropped before the answer: send the same request again once it is back.
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.NoReply(_logger, name, requestId, _options.RequestTimeout);
            return DeviceReply.NoReply(
                name,
                requestId,
                IsOnline ? "The box did not answer in time." : "Not connected to the box.");
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    /// <summary>Publishes the retained offline status and disconnects cleanly (no last will).</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (!_mqtt.IsConnected)
        {
            return;
        }

        Log.GoingOffline(_logger);
        try
        {
            await PublishStatusAsync(online: false, cancellationToken);
        }
        finally
        {
            await _mqtt.DisconnectAsync(
                new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(),
                cancellationToken);
        }
    }

    /// <summary>Drops the connection without a DISCONNECT packet, so the broker publishes the last will.</summary>
    public ValueTask DisposeAsync()
    {
        _mqtt.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _mqtt.Dispose();
        lock (_lock)
        {
            _link.Lost.TrySetResult();
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }

        return ValueTask.CompletedTask;
    }

    private MqttClientOptions BuildOptions()
    {
        var will = HallJson.Serialize(new DeviceStatusMessage { Online = false });
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.DeviceId)
            .WithCredentials(_options.Username, _options.Password)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout)
            .WithWillTopic(Topics.DeviceStatus(_options.HallId, _options.DeviceId))
            .WithWillPayload(will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        var pin = _options.BoxCertificateSha256;
        if (!string.IsNullOrWhiteSpace(pin))
        {
            // The box's certificate is its own, not a CA's: the fingerprint from enrollment is the whole check, so a
            // stranger's broker on the hall LAN never sees the device's password.
            builder.WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(e => SelfSignedCertificate.Matches(e.Certificate, pin)));
        }

        return builder.Build();
    }

    private Task PublishStatusAsync(bool online, CancellationToken cancellationToken)
    {
        var status = new DeviceStatusMessage { Ts = _timeProvider.GetLocalNow(), Online = online, Firmware = Firmware };
        return PublishAsync(Topics.DeviceStatus(_options.HallId, _options.DeviceId), HallJson.Serialize(status), retain: true, cancellationToken);
    }

    private async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayloadSegment(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await _mqtt.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new IOException($"The box did not accept the message on {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!topic.StartsWith(_responsePrefix, StringComparison.Ordinal))
        {
            MessageReceived?.Invoke(this, new DeviceMessage(topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        }

        var reply = DeviceReply.TryParse(topic[_responsePrefix.Length..], e.ApplicationMessage.Payload);
        if (reply is null)
        {
            Log.BadReply(_logger, topic);
        }
        else if (_pending.TryRemove(reply.RequestId, out var waiting))
        {
            waiting.TrySetResult(reply);
        }
        else
        {
            Log.UnmatchedReply(_logger, reply.RequestId, topic);
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        bool wasUp;
        lock (_lock)
        {
            wasUp = _link.Up.Task.IsCompleted && !_link.Lost.Task.IsCompleted;
            if (wasUp)
            {
                _link.Lost.TrySetResult();
                _link = new Link();
            }
        }

        if (wasUp)
        {
            Log.Disconnected(_logger, e.Exception?.Message ?? e.Reason.ToString());
            ConnectionChanged?.Invoke(this, false);
        }

        return Task.CompletedTask;
    }

    private void LogRefusedSubscriptions(MqttClientSubscribeResult result)
    {
        foreach (var item in result.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                Log.SubscriptionRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
            }
        }
    }

    private TimeSpan NextDelay(TimeSpan delay)
    {
        var next = delay * 2;
        return next > _options.ReconnectMaxDelay ? _options.ReconnectMaxDelay : next;
    }

    /// <summary>One connection's life: Up when announced online, Lost when it dropped.</summary>
    private sealed class Link
    {
        public TaskCompletionSource Up { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
