using System.Net;
using System.Text;
using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.Box;
using Microsoft.Extensions.Options;
using MQTTnet;
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
        BoxTls tls,
        ILogger<HallBroker> logger)
    {
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
        server.ClientConnectedAsync += e =>
        {
            _metrics.ClientConnected();
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;

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

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var identity = _registry.Authenticate(e.UserName, e.Password);
        if (identity is null)
        {
            // Anonymous, unknown, revoked or wrong secret: all look the same to the client.
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            _metrics.ConnectionRefused();
            LogRefused(e.ClientId, e.UserName ?? "(anonymous)", e.RemoteEndPoint?.ToString() ?? "?");
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(e.ClientId))
        {
            // mosquitto_pub and many small devices send an empty client id with a clean session.
            e.AssignedClientIdentifier = $"{identity.DeviceId}-{Guid.NewGuid():N}";
        }

        e.SessionItems[IdentityKey] = identity;
        e.ReasonCode = MqttConnectReasonCode.Success;
        return Task.CompletedTask;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems?[IdentityKey] is not DeviceIdentity identity)
        {
            // The box's own injected messages carry no client session.
            return;
        }

        var topic = e.ApplicationMessage.Topic;
        if (Topics.TryParseRequest(topic, out var hall, out var deviceId, out var name)
            && hall == _options.HallId && deviceId == identity.DeviceId)
        {
            // Requests are for the box, not for other subscribers.
            e.ProcessPublish = false;
            var reply = await _router.RouteAsync(identity, name, e.ApplicationMessage.Payload, e.CancellationToken);
            await _publisher.PublishAsync(Topics.Response(hall, deviceId, name), reply, retain: false, e.CancellationToken);
            return;
        }

        if (!_policy.CanPublish(identity, topic))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            _metrics.PublishRefused();
            LogPublishRefused(identity.DeviceId, topic);
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
        LogSubscribeRefused(e.ClientId, e.TopicFilter.Topic);
        return Task.CompletedTask;
    }

    private async Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        _metrics.ClientDisconnected();
        if (e.SessionItems?[IdentityKey] is DeviceIdentity identity && !_stopping)
        {
            await _deviceWatch.OnDisconnectedAsync(identity, clean: e.DisconnectType == MqttClientDisconnectType.Clean, CancellationToken.None);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker also listening without TLS on the isolated device LAN at {Address}:{Port}")]
    private partial void LogPlainStarted(string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection refused: client {ClientId}, user {User}, from {Endpoint}")]
    private partial void LogRefused(string clientId, string user, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publish refused: device {DeviceId} may not publish on {Topic}")]
    private partial void LogPublishRefused(string deviceId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription refused: client {ClientId} may not subscribe to {Filter}")]
    private partial void LogSubscribeRefused(string clientId, string filter);
}
