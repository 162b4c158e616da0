using System.Net;
using System.Text;
using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.Box;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// The embedded MQTTnet broker. Its hooks stay thin: who a client is comes from the device
/// registry, what it may do from <see cref="AccessPolicy"/>, and what a request does from
/// <see cref="RequestRouter"/>. A request is answered (and its change committed) inside the
/// publish interceptor, so the device's PUBACK means the change is on disk.
/// </summary>
public sealed partial class HallBroker : IHostedService, IAsyncDisposable
{
    private const string IdentityKey = "hall.identity";
    private const string CredentialKey = "hall.credential";

    // Set on a session the box cuts itself (revoked, replaced, oversized): its end is no device dropping off.
    private const string CutKey = "hall.cut";

    /// <summary>How long the refusals of one kind are counted before one summary line is written.</summary>
    private static readonly TimeSpan RefusalLogWindow = TimeSpan.FromSeconds(10);
    private readonly BoxOptions _options;
    private readonly DeviceRegistryService _registry;
    private readonly AccessPolicy _policy;
    private readonly RequestRouter _router;
    private readonly BrokerPublisher _publisher;
    private readonly IEnumerable<IRetainedStateSource> _retained;
    private readonly DeviceWatch _deviceWatch;
    private readonly BoxMetrics _metrics;
    private readonly BoxTls _tls;
    private readonly ILogger<HallBroker> _logger;
    private readonly BurstLog _refusals;
    private readonly SessionSweepSignal _sweep;
    private readonly ClosingClients _closing;
    private MqttServer? _server;
    private volatile bool _stopping;

    public HallBroker(
        IOptions<BoxOptions> options,
        DeviceRegistryService registry,
        AccessPolicy policy,
        RequestRouter router,
        BrokerPublisher publisher,
        IEnumerable<IRetainedStateSource> retained,
        DeviceWatch deviceWatch,
        BoxMetrics metrics,
        SessionSweepSignal sweep,
        TimeProvider time,
        BoxTls tls,
        ILogger<HallBroker> logger)
    {
        _refusals = new BurstLog(time, RefusalLogWindow);
        _closing = new ClosingClients(time);
        _sweep = sweep;
        _options = options.Value;
        _registry = registry;
        _policy = policy;
        _router = router;
        _publisher = publisher;
        _retained = retained;
        _deviceWatch = deviceWatch;
        _metrics = metrics;
        _tls = tls;
        _logger = logger;
    }

    public bool IsStarted => _server?.IsStarted ?? false;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttServerOptionsBuilder()
            .WithMaxPendingMessagesPerClient(10000);

        // MQTT over TLS with the box's certificate, on Box:BindAddress only (IPv4 or IPv6, not both families).
        var (tlsV4, tlsV6) = Family(_options.BindAddress);
        builder.WithEncryptedEndpoint()
            .WithEncryptedEndpointPort(_options.MqttTlsPort)
            .WithEncryptedEndpointBoundIPAddress(tlsV4)
            .WithEncryptedEndpointBoundIPV6Address(tlsV6)
            .WithEncryptionCertificate(_tls.Certificate);
        if (_options.DeviceLanIsolated)
        {
            // Plain MQTT only on the isolated device LAN's own address.
            var (plainV4, plainV6) = Family(_options.DeviceLanAddress!);
            builder.WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(plainV4)
                .WithDefaultEndpointBoundIPV6Address(plainV6)
                .WithDefaultEndpointPort(_options.MqttPort);
        }

        var serverOptions = builder.Build();
        var server = new MqttServerFactory().CreateMqttServer(serverOptions);

        // Hooks are attached before start, as MQTTnet's own samples do.
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        server.InterceptingInboundPacketAsync += OnInboundPacketAsync;
        server.InterceptingOutboundPacketAsync += OnOutboundPacket;
        server.ClientConnectedAsync += e =>
        {
            _metrics.ClientConnected();

            // A login that read the credentials just before a revoke committed is checked once more.
            _sweep.Poke();
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        server.RetainedMessageChangedAsync += e =>
        {
            _metrics.RetainedStored(e.StoredRetainedMessages.Sum(m => m.Payload.Length));
            return Task.CompletedTask;
        };

        await server.StartAsync();
        _server = server;
        _publisher.Attach(server);
        LogStarted(_options.BindAddress, _options.MqttTlsPort, _options.HallId);
        if (_options.DeviceLanIsolated)
        {
            LogPlainStarted(_options.DeviceLanAddress!, _options.MqttPort);
        }


        foreach (var source in _retained)
        {
            await source.RestoreRetainedAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            // The box is closing the connections itself: those are no devices dropping off.
            _stopping = true;
            await server.StopAsync(new MqttServerStopOptions());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await StopAsync(CancellationToken.None);
            _server.Dispose();
            _server = null;
        }
    }

    private async Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId))
        {
            await _closing.WaitAsync(e.ClientId, CancellationToken.None);
        }

        var login = _registry.Login(e.UserName, e.Password);
        if (login is null)
        {
            // Anonymous, unknown, revoked or wrong secret: all look the same to the client.
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            _metrics.ConnectionRefused();
            Refuse(Refusal.Connect, $"client {e.ClientId}, user {e.UserName ?? "(anonymous)"}, from {e.RemoteEndPoint}");
            return;
        }

        var identity = login.Identity;
        if (string.IsNullOrEmpty(e.ClientId))
        {
            // mosquitto_pub and many small devices send an empty client id with a clean session.
            e.AssignedClientIdentifier = $"{identity.DeviceId}-{Guid.NewGuid():N}";
        }
        else if (!_registry.MayUseClientId(identity.DeviceId, e.ClientId))
        {
            // Refused before the broker looks at its sessions, so the owner of that id keeps its connection.
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            e.ReasonString = $"client id must be {identity.DeviceId} or {identity.DeviceId}-<suffix>";
            _metrics.ConnectionRefused();
            Refuse(Refusal.ClientId, $"device {identity.DeviceId} tried client id {e.ClientId} from {e.RemoteEndPoint}");
            return;
        }

        e.SessionItems[IdentityKey] = identity;
        e.SessionItems[CredentialKey] = login.Credential;
        e.ReasonCode = MqttConnectReasonCode.Success;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems?[IdentityKey] is not DeviceIdentity identity)
        {
            // The box's own injected messages carry no client session.
            return;
        }

        var topic = e.ApplicationMessage.Topic;
        if (PublishSize(topic, e.ApplicationMessage.Payload.Length) > _options.MqttMaxPacketBytes)
        {
            // A last will (or anything the inbound check did not see) over the limit: never delivered, never retained.
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.QuotaExceeded;
            Refuse(Refusal.Oversized, $"device {identity.DeviceId} sent {e.ApplicationMessage.Payload.Length} bytes on {topic}");
            return;
        }

        if (topic.Contains('+', StringComparison.Ordinal) || topic.Contains('#', StringComparison.Ordinal))
        {
            // A wildcard is no topic name (MQTT forbids it in a publish); there is no reply topic to answer on.
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.TopicNameInvalid;
            Refuse(Refusal.BadRequest, $"device {identity.DeviceId} published on the wildcard topic {topic}");
            return;
        }

        if (Topics.TryParseRequest(topic, out var hall, out var deviceId, out var name)
            && hall == _options.HallId && deviceId == identity.DeviceId)
        {
            // Requests are for the box, not for other subscribers.
            e.ProcessPublish = false;
            var reply = await _router.RouteAsync(identity, name, e.ApplicationMessage.Payload, e.CancellationToken);
            if (reply is ErrorReply { Error.Code: ErrorCodes.BadJson or ErrorCodes.UnknownRequest } refused)
            {
                Refuse(Refusal.BadRequest, $"device {identity.DeviceId} sent {refused.Error.Code} on req/{name}");
            }

            await _publisher.PublishAsync(Topics.Response(hall, deviceId, name), reply, retain: false, e.CancellationToken);
            return;
        }

        if (!_policy.CanPublish(identity, topic))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            _metrics.PublishRefused();
            Refuse(Refusal.Publish, $"device {identity.DeviceId} may not publish on {topic}");
            return;
        }

        if (topic == Topics.DeviceStatus(_options.HallId, identity.DeviceId))
        {
            await _deviceWatch.OnStatusAsync(identity, ReadOnline(e.ApplicationMessage), e.CancellationToken);
        }
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems?[IdentityKey] is DeviceIdentity identity && _policy.CanSubscribe(identity, e.TopicFilter.Topic))
        {
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        _metrics.SubscribeRefused();
        Refuse(Refusal.Subscribe, $"client {e.ClientId} may not subscribe to {e.TopicFilter.Topic}");
        return Task.CompletedTask;
    }

    private async Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        _metrics.ClientDisconnected();
        _closing.Closed(e.ClientId);
        if (e.SessionItems?[IdentityKey] is DeviceIdentity identity && !_stopping && e.SessionItems[CutKey] is null)
        {
            await _deviceWatch.OnDisconnectedAsync(identity, clean: e.DisconnectType == MqttClientDisconnectType.Clean, CancellationToken.None);
        }
    }

    /// <summary>Disconnects every session opened with credentials that are no longer active; returns how many.</summary>
    public async Task<int> CutStaleSessionsAsync(IReadOnlyDictionary<string, string> activeCredentials)
    {
        if (_server is not { IsStarted: true } server || _stopping)
        {
            // The box is closing every connection anyway.
            return 0;
        }

        var clients = await server.GetClientsAsync();
        var open = clients
            .Where(c => c.Session?.Items[IdentityKey] is DeviceIdentity && c.Session.Items[CredentialKey] is string)
            .Select(c => new SessionSweep.OpenSession(c.Id, ((DeviceIdentity)c.Session.Items[IdentityKey]!).DeviceId, (string)c.Session.Items[CredentialKey]!))
            .ToList();
        var cut = SessionSweep.ToCut(open, activeCredentials);
        foreach (var client in clients.Where(c => cut.Contains(c.Id)))
        {
            client.Session.Items[CutKey] = true;
            LogSessionCut(client.Id, ((DeviceIdentity)client.Session.Items[IdentityKey]!).DeviceId);
            await client.DisconnectAsync(new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.AdministrativeAction,
                ReasonString = "device revoked or given new credentials",
            });
        }

        return cut.Count;
    }

    /// <summary>Writes one line per kind of refusal whose burst window ended with more refusals than the first.</summary>
    public void WriteRefusalSummaries()
    {
        foreach (var summary in _refusals.Due())
        {
            LogRefusalSummary(MetricLabels.Kind(summary.Kind), summary.Count, (int)Math.Round(summary.Over.TotalSeconds));
        }
    }

    private static long PublishSize(string topic, long payloadLength) => Encoding.UTF8.GetByteCount(topic) + payloadLength;

    /// <summary>
    /// A publish over the limit is dropped as soon as it is read and its sender disconnected with PacketTooLarge, before
    /// the broker hands it on or retains it. (MQTTnet reads a packet whole before any hook sees it; this frees it at once.)
    /// </summary>
    private async Task OnInboundPacketAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttDisconnectPacket && !string.IsNullOrEmpty(e.ClientId))
        {
            _closing.Closing(e.ClientId);
            return;
        }

        if (e.Packet is not MqttPublishPacket publish
            || PublishSize(publish.Topic ?? string.Empty, publish.Payload.Length) <= _options.MqttMaxPacketBytes)
        {
            return;
        }

        e.ProcessPacket = false;
        e.Packet = null;
        var who = e.SessionItems?[IdentityKey] is DeviceIdentity identity ? identity.DeviceId : e.ClientId;
        Refuse(Refusal.Oversized, $"device {who} sent {publish.Payload.Length} bytes on {publish.Topic}, over Box:MqttMaxPacketBytes={_options.MqttMaxPacketBytes}");
        if (e.SessionItems is not null)
        {
            e.SessionItems[CutKey] = true;
        }

        if (_server is { } server)
        {
            await server.DisconnectClientAsync(e.ClientId, new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.PacketTooLarge,
                ReasonString = $"packet over {_options.MqttMaxPacketBytes} bytes",
            });
        }
    }

    /// <summary>Tells MQTT 5 clients the limit in the CONNACK, so that a well-behaved one does not send more.</summary>
    private Task OnOutboundPacket(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttConnAckPacket { ReasonCode: MqttConnectReasonCode.Success } connAck)
        {
            connAck.MaximumPacketSize = (uint)_options.MqttMaxPacketBytes;
        }

        return Task.CompletedTask;
    }

    /// <summary>Counts a refusal by kind and logs it once per burst (see <see cref="BurstLog"/>).</summary>
    private void Refuse(Refusal kind, string detail)
    {
        _metrics.Refused(kind);
        if (_refusals.Record(kind))
        {
            LogRefused(MetricLabels.Kind(kind), detail, (int)RefusalLogWindow.TotalSeconds);
        }
    }

    /// <summary>The address to listen on in its own family, and <see cref="IPAddress.None"/> (no listener) in the other.</summary>
    private static (IPAddress V4, IPAddress V6) Family(string address)
    {
        var ip = IPAddress.Parse(address);
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (IPAddress.None, ip) : (ip, IPAddress.None);
    }

    private static bool ReadOnline(MqttApplicationMessage message)
    {
        try
        {
            var status = JsonSerializer.Deserialize<DeviceStatusMessage>(Encoding.UTF8.GetString(message.Payload), HallJson.Options);
            return status?.Online ?? false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker listening with TLS on {Address}:{Port} for hall {HallId}")]
    private partial void LogStarted(string address, int port, string hallId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {Kind} refused: {Detail} (more of this kind are counted and summarised every {WindowSeconds} s)")]
    private partial void LogRefused(string kind, string detail, int windowSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker also listening without TLS on the isolated device LAN at {Address}:{Port}")]
    private partial void LogPlainStarted(string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {Kind} refused {Count} more time(s) in the last {Seconds} s")]
    private partial void LogRefusalSummary(string kind, long count, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected MQTT client {ClientId} of device {DeviceId}: revoked or given new credentials")]
    private partial void LogSessionCut(string clientId, string deviceId);
}
