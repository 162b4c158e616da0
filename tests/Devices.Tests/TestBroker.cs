using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Hall.Devices.Tests;

/// <summary>A real MQTTnet broker on a free loopback port, playing the box: it refuses unknown credentials,
/// records the requests devices send, and answers them by injecting replies.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    public const string Username = "kiosk-1";
    public const string Password = "s3cret";
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private readonly MqttServer _server;
    private readonly Channel<SeenRequest> _requests = Channel.CreateUnbounded<SeenRequest>();
    private int _connectAttempts;

    private TestBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>CONNECT packets that reached the broker (with whatever credentials).</summary>
    public int ConnectAttempts => Volatile.Read(ref _connectAttempts);

    /// <summary>Starts the broker; with <paramref name="certificate"/>, over TLS only, presenting it as a box does.</summary>
    public static async Task<TestBroker> StartAsync(X509Certificate2? certificate = null)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var options = certificate is null
            ? new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointPort(port)
                .Build()
            : new MqttServerOptionsBuilder()
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
                .WithEncryptedEndpointPort(port)
                .WithEncryptionCertificate(certificate)
                .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        var broker = new TestBroker(server, port);
        server.ValidatingConnectionAsync += e =>
        {
            Interlocked.Increment(ref broker._connectAttempts);
            if (e.UserName != Username || e.Password != Password)
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }

            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += e =>
        {
            if (e.ApplicationMessage.Topic.Contains("/req/", StringComparison.Ordinal))
            {
                var payload = e.ApplicationMessage.Payload.ToArray();
                using var json = JsonDocument.Parse(payload);
                broker._requests.Writer.TryWrite(new SeenRequest(
                    e.ApplicationMessage.Topic,
                    json.RootElement.GetProperty("requestId").GetString()!,
                    payload));
            }

            return Task.CompletedTask;
        };
        await server.StartAsync();
        return broker;
    }

    /// <summary>The next request a device sent, waiting at most <see cref="WaitLimit"/>.</summary>
    public async Task<SeenRequest> NextRequestAsync()
    {
        using var cts = new CancellationTokenSource(WaitLimit);
        return await _requests.Reader.ReadAsync(cts.Token);
    }

    public Task ReplyAsync(string topic, byte[] payload) =>
        _server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build())
            {
                SenderClientId = "box",
            },
            CancellationToken.None);

    /// <summary>Publishes as the box would, e.g. a retained <c>counter/{c}/evaluate</c> a device gets on subscribing.</summary>
    public Task PublishAsync(string topic, byte[] payload, bool retain) =>
        _server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithRetainFlag(retain)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build())
            {
                SenderClientId = "box",
            },
            CancellationToken.None);

    public async Task<string?> RetainedAsync(string topic)
    {
        var message = await _server.GetRetainedMessageAsync(topic);
        return message is null ? null : System.Text.Encoding.UTF8.GetString(message.Payload.ToArray());
    }

    /// <summary>Polls the retained message until it matches; the broker publishes a will asynchronously.</summary>
    public async Task<string> WaitForRetainedAsync(string topic, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await RetainedAsync(topic);
            if (last is not null && match(last))
            {
                return last;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"retained {topic} never matched; last was {last ?? "nothing"}");
    }

    public Task KickAsync(string clientId) =>
        _server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.AdministrativeAction });

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
    }

    public sealed record SeenRequest(string Topic, string RequestId, byte[] Payload);
}
