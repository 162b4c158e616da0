using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;
using MQTTnet;
using MQTTnet.Formatter;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// Every role, with an MQTT 3.1.1 and an MQTT 5 client, against every topic of contract v1 (and wildcards over them):
/// what the contract's access policy does not give the role is refused by the running broker, and what it gives works.
/// The topic list is generated from the contract (<see cref="Topics"/>, <see cref="AccessPolicy"/>), so a new topic or
/// request name is in the matrix the day it is added.
/// </summary>
public sealed class AclMatrixTests : IClassFixture<AclMatrixTests.Fixture>
{
    private const string OtherHall = "elsewhere";
    private readonly Fixture _f;

    public AclMatrixTests(Fixture fixture) => _f = fixture;

    public static TheoryData<DeviceRole, string?, MqttProtocolVersion> Cases()
    {
        var data = new TheoryData<DeviceRole, string?, MqttProtocolVersion>();
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
        {
            data.Add(DeviceRole.Kiosk, null, version);
            data.Add(DeviceRole.Caller, "1", version);
            data.Add(DeviceRole.Evaluator, "1", version);
            data.Add(DeviceRole.Display, null, version);
            data.Add(DeviceRole.Display, "2", version);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_role_cannot_subscribe_to_or_publish_on_what_the_contract_does_not_give_it(DeviceRole role, string? counter, MqttProtocolVersion version)
    {
        var box = _f.Box;
        var h = box.HallId;
        var id = $"acl-{role.ToString().ToLowerInvariant()}-{counter ?? "x"}-{(version == MqttProtocolVersion.V500 ? 5 : 3)}";
        var who = box.Enroll(id, role, counter);
        var identity = new DeviceIdentity(id, role, counter);
        var policy = new AccessPolicy(h);
        var (topics, filters) = Universe(h, id, other: "acl-other");

        await using var client = await MqttProbe.ConnectAsync(box, who, version);

        // Subscriptions: every filter in one SUBSCRIBE; the SUBACK answers each.
        var granted = await client.SubscribeAsync([.. filters]);
        foreach (var item in granted.Items)
        {
            var allowed = policy.CanSubscribe(identity, item.TopicFilter.Topic);
            var ok = item.ResultCode is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2;
            Assert.True(allowed == ok, $"{id} ({version}) subscribing to {item.TopicFilter.Topic}: contract says {(allowed ? "allowed" : "refused")}, broker said {item.ResultCode}");
        }

        Assert.Contains(granted.Items, i => i.ResultCode == MqttClientSubscribeResultCode.GrantedQoS1);
        Assert.Contains(granted.Items, i => i.ResultCode != MqttClientSubscribeResultCode.GrantedQoS1);

        // Publishes: every topic the role may not publish on. Its own requests outside its role are answered
        // not-allowed (or unknown-request); anything else is refused by the broker and counted.
        var forbidden = topics.Where(t => !policy.CanPublish(identity, t)).ToList();
        var ownRequests = forbidden.Where(t => Topics.TryParseRequest(t, out var hall, out var device, out _) && hall == h && device == id).ToList();
        var refusedBefore = await MqttProbe.MetricAsync(box, "hall_mqtt_refused_total{kind=\"publish\"}");
        var marker = Guid.NewGuid().ToString("N");
        foreach (var topic in forbidden.Except(ownRequests))
        {
            var result = await client.PublishAsync(topic, $$"""{"requestId":"{{marker}}","online":true,"ticketNo":"A999","cmd":"next"}""");
            if (version == MqttProtocolVersion.V500)
            {
                Assert.True(result.ReasonCode == MqttClientPublishReasonCode.NotAuthorized, $"{id} publishing on {topic}: broker said {result.ReasonCode}");
            }
        }

        var refusedAfter = await MqttProbe.MetricAsync(box, "hall_mqtt_refused_total{kind=\"publish\"}");
        Assert.Equal(forbidden.Count - ownRequests.Count, refusedAfter - refusedBefore);

        foreach (var topic in ownRequests)
        {
            Assert.True(Topics.TryParseRequest(topic, out _, out _, out var name));
            var reply = await client.RequestAsync(name, $$"""{"requestId":"{{Guid.NewGuid():N}}"}""");
            var code = reply.GetProperty("error").GetProperty("code").GetString();
            Assert.True(code is ErrorCodes.NotAllowed or ErrorCodes.UnknownRequest, $"{id} sending {name}: {reply}");
        }

        // None of it reached anyone, nor the client itself: the only messages it got are retained state and replies.
        while (true)
        {
            (string Topic, JsonElement Json) message;
            try
            {
                message = await client.NextAsync(TimeSpan.FromMilliseconds(200));
            }
            catch (TimeoutException)
            {
                break;
            }

            Assert.DoesNotContain(marker, message.Json.GetRawText(), StringComparison.Ordinal);
        }

        Assert.True(client.IsConnected);
    }

    /// <summary>Every concrete topic of the contract for this device, another device, two counters, another hall; and filters over them.</summary>
    private static (List<string> Topics, List<string> Filters) Universe(string h, string self, string other)
    {
        var names = Topics.Requests.All.Append("no-such-request").ToList();
        var topics = new List<string>();
        foreach (var device in new[] { self, other })
        {
            topics.AddRange(names.Select(n => Topics.Request(h, device, n)));
            topics.AddRange(names.Select(n => Topics.Response(h, device, n)));
            topics.Add(Topics.DeviceStatus(h, device));
        }

        foreach (var counter in new[] { "1", "2" })
        {
            topics.AddRange([Topics.CounterState(h, counter), Topics.CounterEvaluate(h, counter), Topics.CounterPresence(h, counter)]);
        }

        topics.AddRange([Topics.DisplayCall(h), Topics.DisplayBoard(h), Topics.Alert(h), $"hall/{h}/unknown"]);
        topics.AddRange([Topics.Request(OtherHall, self, Topics.Requests.Ping), Topics.DeviceStatus(OtherHall, self), Topics.DisplayBoard(OtherHall), "$SYS/broker/clients"]);

        var filters = new List<string>(topics)
        {
            "#", "+/#", $"hall/{h}/#", $"hall/+/device/{self}/res/#", $"hall/{h}/device/+/status", $"hall/{h}/device/+/req/#",
            $"hall/{h}/device/{self}/res/#", $"hall/{h}/device/{other}/res/#", $"hall/{h}/device/{self}/#", $"hall/{h}/counter/+/state",
            $"hall/{h}/counter/+/evaluate", $"hall/{h}/counter/#", $"hall/{h}/display/#", $"hall/{h}/+/call", "$SYS/#",
        };
        return (topics, filters);
    }

    /// <summary>A box of its own, with the other device the matrix aims at.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public BoxProcess Box { get; } = new("acl");

        public async Task InitializeAsync()
        {
            Box.Enroll("acl-other", DeviceRole.Caller, "2");
            await Box.StartAsync();
        }

        public async Task DisposeAsync() => await Box.DisposeAsync();
    }
}
