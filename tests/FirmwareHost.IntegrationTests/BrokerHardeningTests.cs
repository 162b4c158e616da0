using System.Net;
using System.Net.Sockets;
using System.Text;
using Hall.Contract;
using Hall.DeviceRegistry;
using MQTTnet;
using MQTTnet.Formatter;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// The broker against hostile or revoked devices, with real MQTT 3.1.1 and 5 clients: sessions cut on revoke and
/// replace, client ids bound to their device, a packet size limit, wildcard and malformed requests answered, closed
/// metric labels, refusals logged once per burst. Each test enrolls its own devices, from outside the box's process.
/// </summary>
public sealed class BrokerHardeningTests : IClassFixture<BrokerHardeningTests.Fixture>
{
    private static readonly TimeSpan CutWithin = TimeSpan.FromSeconds(10);
    private readonly Fixture _f;

    public BrokerHardeningTests(Fixture fixture) => _f = fixture;

    private BoxProcess Box => _f.Box;

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_revoke_by_the_technicians_tool_cuts_every_open_session_of_the_device(MqttProtocolVersion version)
    {
        var id = $"rev-{(int)version}";
        var kiosk = Box.Enroll(id, DeviceRole.Kiosk);
        await using var first = await MqttProbe.ConnectAsync(Box, kiosk, version, $"{id}-a");
        await using var second = await MqttProbe.ConnectAsync(Box, kiosk, version, $"{id}-b");
        Assert.Equal("ping", (await first.RequestAsync("ping", MqttContractTests.Req("{}"))).TryGetProperty("error", out _) ? "error" : "ping");

        // hallctl device revoke: the registry's code, in another process than the box.
        Assert.True(Box.Registry.Revoke(id));

        var cut = await first.DisconnectedAsync(CutWithin);
        await second.DisconnectedAsync(CutWithin);
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttClientDisconnectReason.AdministrativeAction, cut.Reason);
        }

        var refused = await Assert.ThrowsAsync<MqttProbe.RefusedException>(() => MqttProbe.ConnectAsync(Box, kiosk, version));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);
    }

    [Fact]
    public async Task A_revoke_written_straight_into_the_store_cuts_the_session_too()
    {
        // The county's downlink revokes inside its own transaction; a repair by hand is a bare UPDATE. Both only touch the table.
        var evaluator = Box.Enroll("rev-sql", DeviceRole.Evaluator, "1");
        await using var client = await MqttProbe.ConnectAsync(Box, evaluator, MqttProtocolVersion.V500);

        using (var connection = Box.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE devices SET revoked_at = '2026-12-01T00:00:00Z' WHERE device_id = 'rev-sql'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        await client.DisconnectedAsync(CutWithin);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Replacing_a_device_cuts_the_old_credentials_and_the_new_ones_work()
    {
        var old = Box.Enroll("rep-1", DeviceRole.Caller, "2");
        await using var oldClient = await MqttProbe.ConnectAsync(Box, old, MqttProtocolVersion.V311, "rep-1");
        var untouched = Box.Enroll("rep-bystander", DeviceRole.Display);
        await using var bystander = await MqttProbe.ConnectAsync(Box, untouched, MqttProtocolVersion.V500);

        var replacement = Box.Registry.Enroll("rep-1", DeviceRole.Caller, "2", replace: true);

        await oldClient.DisconnectedAsync(CutWithin);
        await using var newClient = await MqttProbe.ConnectAsync(Box, replacement, MqttProtocolVersion.V311, "rep-1");
        var pong = await newClient.RequestAsync("ping", MqttContractTests.Req("{}"));
        Assert.False(pong.TryGetProperty("error", out _));
        await Assert.ThrowsAsync<MqttProbe.RefusedException>(() => MqttProbe.ConnectAsync(Box, old, MqttProtocolVersion.V311));

        // A device nobody touched keeps its session.
        Assert.True(bystander.IsConnected);
        Assert.False((await bystander.RequestAsync("ping", MqttContractTests.Req("{}"))).TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_device_that_closes_and_connects_again_at_once_keeps_each_new_session()
    {
        // A kiosk restarting its client, again and again: each new session subscribes and is answered, none is dropped
        // by the cleanup of the one before it.
        var kiosk = Box.Enroll("quick-kiosk", DeviceRole.Kiosk);
        for (var i = 0; i < 60; i++)
        {
            await using var device = await MqttDevice.ConnectAsync(Box, kiosk);
            var pong = await device.RequestAsync("ping", new { }, TimeSpan.FromSeconds(15));
            Assert.False(pong.TryGetProperty("error", out _), pong.ToString());
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_device_using_another_devices_client_id_is_refused_and_the_victim_stays_connected(MqttProtocolVersion version)
    {
        var victimId = $"victim-{(int)version}";
        var victim = Box.Enroll(victimId, DeviceRole.Caller, "1");
        var thief = Box.Enroll($"thief-{(int)version}", DeviceRole.Kiosk);
        await using var victimClient = await MqttProbe.ConnectAsync(Box, victim, MqttProtocolVersion.V500, victimId);
        var before = await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"client-id\"}");

        foreach (var clientId in new[] { victimId, $"{victimId}-2", "anything-else" })
        {
            var refused = await Assert.ThrowsAsync<MqttProbe.RefusedException>(() => MqttProbe.ConnectAsync(Box, thief, version, clientId));
            Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, refused.ResultCode);
        }

        Assert.True(victimClient.IsConnected);
        Assert.False((await victimClient.RequestAsync("ping", MqttContractTests.Req("{}"))).TryGetProperty("error", out _));
        Assert.Equal(before + 3, await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"client-id\"}"));

        // The thief's own ids still work.
        await using var own = await MqttProbe.ConnectAsync(Box, thief, version, $"thief-{(int)version}-1");
        Assert.True(own.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task An_oversized_publish_is_refused_its_sender_cut_and_nothing_of_it_is_retained(MqttProtocolVersion version)
    {
        var id = $"big-{(int)version}";
        var display = Box.Enroll(id, DeviceRole.Display);
        await using var client = await MqttProbe.ConnectAsync(Box, display, version);
        if (version == MqttProtocolVersion.V500)
        {
            // MQTT 5 clients are told the limit up front.
            Assert.Equal(256u * 1024, client.ConnectResult!.MaximumPacketSize);
        }

        var oversized = await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"oversized\"}");
        var status = Encoding.UTF8.GetBytes("{\"online\":true,\"firmware\":\"" + new string('x', 8 * 1024 * 1024) + "\"}");
        try
        {
            await client.PublishAsync(client.Topic("status"), status, retain: true);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or MQTTnet.Exceptions.MqttClientNotConnectedException)
        {
            // The broker closed the connection before its PUBACK: that is the refusal for MQTT 3.1.1.
        }

        var cut = await client.DisconnectedAsync(CutWithin);
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, cut.Reason);
        }

        Assert.Equal(oversized + 1, await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"oversized\"}"));
        Assert.True(await MqttProbe.MetricAsync(Box, "hall_mqtt_retained_bytes") < 256 * 1024);

        // The device may come back and say it is online the normal way; the box serves on.
        await using var again = await MqttProbe.ConnectAsync(Box, display, version);
        await again.PublishAsync(again.Topic("status"), """{"online":true,"firmware":"1.0"}""", retain: true);
        Assert.False((await again.RequestAsync("ping", MqttContractTests.Req("{}"))).TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_raw_publish_on_req_plus_or_hash_is_refused_with_a_log_line_and_the_connection_stays()
    {
        var kiosk = Box.Enroll("wild-1", DeviceRole.Kiosk);
        var before = await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"bad-request\"}");
        var (raw, code) = await RawMqtt.ConnectAsync(Box.MqttPort, "wild-1", kiosk.Username, kiosk.Password);
        await using (raw)
        {
            Assert.Equal(0, code);
            Assert.Equal(0x40, await raw.PublishAsync($"hall/{Box.HallId}/device/wild-1/req/+", Encoding.UTF8.GetBytes(MqttContractTests.Req("""{"category":"A"}""")), 1));
            Assert.Equal(0x40, await raw.PublishAsync($"hall/{Box.HallId}/device/wild-1/req/#", Encoding.UTF8.GetBytes(MqttContractTests.Req("""{"category":"A"}""")), 2));
            Assert.True(await raw.PingAsync());
        }

        Assert.Equal(before + 2, await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"bad-request\"}"));
        var metrics = await MqttProbe.MetricsAsync(Box);
        Assert.DoesNotContain("name=\"+\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"#\"", metrics, StringComparison.Ordinal);
        Assert.Contains("MQTT bad-request refused", Box.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Invalid_utf8_in_a_request_id_gets_a_bad_json_reply_and_the_connection_stays(MqttProtocolVersion version)
    {
        var kiosk = Box.Enroll($"utf-{(int)version}", DeviceRole.Kiosk);
        await using var client = await MqttProbe.ConnectAsync(Box, kiosk, version);
        await client.SubscribeAsync(client.Topic("res/#"));
        byte[] broken = [.. "{\"requestId\":\""u8, 0xFF, 0xFE, 0xC3, .. "\",\"category\":\"A\"}"u8];
        var tickets = Scalar("SELECT count(*) FROM outbox");

        foreach (var name in Topics.Requests.All)
        {
            var reply = await client.RequestAsync(name, broken);
            var code = reply.GetProperty("error").GetProperty("code").GetString();
            Assert.True(code is ErrorCodes.BadJson or ErrorCodes.NotAllowed, $"{name}: {reply}");
            Assert.False(string.IsNullOrWhiteSpace(reply.GetProperty("error").GetProperty("message").GetString()));
        }

        Assert.Equal(tickets, Scalar("SELECT count(*) FROM outbox"));
        Assert.True(client.IsConnected);
        Assert.Matches("^A[0-9]{3}$", (await client.RequestAsync("ticket", MqttContractTests.Req("""{"category":"A"}"""))).GetProperty("ticketNo").GetString());
    }

    [Fact]
    public async Task Metric_labels_stay_a_closed_set_whatever_request_names_a_device_sends()
    {
        var kiosk = Box.Enroll("labels-1", DeviceRole.Kiosk);
        await using var client = await MqttProbe.ConnectAsync(Box, kiosk, MqttProtocolVersion.V500);
        await client.SubscribeAsync(client.Topic("res/#"));
        string[] names = ["evil\"} 9\nhall_injected_total 1", "x\\y", "名字", .. Enumerable.Range(0, 20).Select(i => $"random-{i}-{Guid.NewGuid():N}")];

        foreach (var name in names)
        {
            var reply = await client.RequestAsync(name, MqttContractTests.Req("{}"));
            Assert.Equal(ErrorCodes.UnknownRequest, reply.GetProperty("error").GetProperty("code").GetString());
        }

        var lines = (await MqttProbe.MetricsAsync(Box)).Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("hall_injected", StringComparison.Ordinal));
        var requestNames = lines.Where(l => l.StartsWith("hall_requests_total{", StringComparison.Ordinal))
            .Select(l => l.Split("name=\"")[1].Split('"')[0])
            .Distinct()
            .ToList();
        Assert.All(requestNames, n => Assert.True(Topics.Requests.IsKnown(n) || n == "other", n));
        Assert.Contains("other", requestNames);
    }

    [Fact]
    public async Task A_flood_of_bad_logins_is_counted_by_kind_and_logged_once_per_burst_not_per_login()
    {
        var kiosk = Box.Enroll("flood-target", DeviceRole.Kiosk);
        var forged = kiosk with { Password = "guessed" };
        var before = await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"connect\"}");
        var linesBefore = CountLines("MQTT connect refused");
        const int Attempts = 200;

        for (var i = 0; i < Attempts; i++)
        {
            await Assert.ThrowsAsync<MqttProbe.RefusedException>(() => MqttProbe.ConnectAsync(Box, forged, MqttProtocolVersion.V311));
        }

        Assert.Equal(before + Attempts, await MqttProbe.MetricAsync(Box, "hall_mqtt_refused_total{kind=\"connect\"}"));

        // At most the first line of a new burst and the summary of one window that ended during the flood.
        Assert.InRange(CountLines("MQTT connect refused") - linesBefore, 0, 3);
    }

    [Fact]
    public async Task The_broker_listens_only_on_the_bind_address_not_on_every_ipv6_address()
    {
        using var v4 = new TcpClient();
        await v4.ConnectAsync(IPAddress.Loopback, Box.MqttPort);
        Assert.True(v4.Connected);

        using var v6 = new TcpClient(AddressFamily.InterNetworkV6);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await v6.ConnectAsync(IPAddress.IPv6Loopback, Box.MqttPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    private int CountLines(string fragment) =>
        Box.Log.Split('\n').Count(l => l.Contains(fragment, StringComparison.Ordinal));

    private long Scalar(string sql)
    {
        using var connection = Box.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A box of its own: these tests revoke, replace and flood.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public BoxProcess Box { get; } = new("hard");

        public async Task InitializeAsync() => await Box.StartAsync();

        public async Task DisposeAsync() => await Box.DisposeAsync();
    }
}
