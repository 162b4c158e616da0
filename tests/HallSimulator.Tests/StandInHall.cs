using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Hall.Contract;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Hall.Devices.HallSimulator.Tests;

/// <summary>
/// A real MQTTnet broker on loopback with a tiny queue behind it, standing in for the box so that the
/// simulator's MQTT side can be tested on its own: tickets numbered per category, "next" calls the oldest,
/// every call goes to display/call. Anonymous clients are accepted; the box's own tests cover accounts.
/// </summary>
internal sealed class StandInHall : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly Lock _gate = new();
    private readonly List<string> _waiting = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _current = new(StringComparer.Ordinal);

    private StandInHall(MqttServer server, int port, string hallId)
    {
        _server = server;
        Port = port;
        HallId = hallId;
        _server.InterceptingPublishAsync += OnPublishAsync;
    }

    public int Port { get; }

    public string HallId { get; }

    public int TicketsIssued { get; private set; }

    public static async Task<StandInHall> StartAsync(string hallId)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        var hall = new StandInHall(server, port, hallId);
        await server.StartAsync();
        return hall;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    /// <summary>Retained messages the broker holds now, by topic.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> RetainedAsync()
    {
        var retained = await _server.GetRetainedMessagesAsync();
        return retained.ToDictionary(m => m.Topic, m => m.Payload.ToArray(), StringComparer.Ordinal);
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (!Topics.TryParseRequest(e.ApplicationMessage.Topic, out _, out var deviceId, out var name))
        {
            return;
        }

        var payload = e.ApplicationMessage.Payload.ToArray();
        var now = DateTimeOffset.Now;
        object reply;
        CallMessage? call = null;
        lock (_gate)
        {
            switch (name)
            {
                case Topics.Requests.Ticket:
                    var ticket = HallJson.Deserialize<TicketRequest>(payload)!;
                    var category = ticket.Category ?? "A";
                    var number = _numbers[category] = _numbers.GetValueOrDefault(category) + 1;
                    var ticketNo = $"{category}{number:D3}";
                    var ahead = _waiting.Count(t => t.StartsWith(category, StringComparison.Ordinal));
                    _waiting.Add(ticketNo);
                    TicketsIssued++;
                    reply = new TicketReply { RequestId = ticket.RequestId!, Ts = now, TicketNo = ticketNo, Category = category, WaitingAhead = ahead, EstimatedWaitMinutes = ahead, IssuedAt = now };
                    break;
                case Topics.Requests.Counter:
                    var command = HallJson.Deserialize<CounterRequest>(payload)!;
                    var counter = deviceId.Replace("caller-", "", StringComparison.Ordinal);
                    var current = _current.GetValueOrDefault(counter);
                    switch (command.Cmd)
                    {
                        case "next" when current is not null:
                            reply = Error(command.RequestId, now, ErrorCodes.CounterBusy);
                            break;
                        case "next" when _waiting.Count == 0:
                            reply = Error(command.RequestId, now, ErrorCodes.NoWaitingTicket);
                            break;
                        case "next":
                            current = _current[counter] = _waiting[0];
                            _waiting.RemoveAt(0);
                            call = new CallMessage { Ts = now, TicketNo = current, Counter = counter, Announcement = $"请{current}号到{counter}号窗口办理", Recall = false };
                            reply = State(command.RequestId, now, counter, current);
                            break;
                        case "recall" when current is not null:
                            call = new CallMessage { Ts = now, TicketNo = current, Counter = counter, Announcement = $"请{current}号到{counter}号窗口办理", Recall = true };
                            reply = State(command.RequestId, now, counter, current);
                            break;
                        case "finish" or "skip" when current is not null:
                            _current[counter] = null;
                            reply = State(command.RequestId, now, counter, null);
                            break;
                        default:
                            reply = Error(command.RequestId, now, ErrorCodes.NoCurrentTicket);
                            break;
                    }

                    break;
                default:
                    reply = new PingReply(HallJson.Deserialize<PingReply>(payload)?.RequestId, now);
                    break;
            }
        }

        if (call is not null)
        {
            await InjectAsync(Topics.DisplayCall(HallId), call, retain: false);
        }

        await InjectAsync(Topics.Response(HallId, deviceId, name), reply, retain: false);
    }

    private static ErrorReply Error(string? requestId, DateTimeOffset now, string code) => new(requestId, now, new ErrorBody(code, code));

    private static CounterStateMessage State(string? requestId, DateTimeOffset now, string counter, string? ticketNo) =>
        new() { RequestId = requestId, Ts = now, Counter = counter, Status = "open", TicketNo = ticketNo, Since = now };

    private Task InjectAsync(string topic, object payload, bool retain)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(HallJson.Serialize(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        return _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = "stand-in-box" });
    }
}
