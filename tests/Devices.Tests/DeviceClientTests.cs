using System.Text.Json;
using Hall.Contract;
using Hall.Devices.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Devices.Tests;

/// <summary>The device client against a real MQTTnet broker on loopback.</summary>
public sealed class DeviceClientTests : IAsyncLifetime
{
    private const string HallId = "h1";
    private const string DeviceId = "kiosk-1";
    private static readonly string StatusTopic = Topics.DeviceStatus(HallId, DeviceId);

    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Connecting_announces_a_retained_online_status_with_firmware()
    {
        await using var client = NewClient();

        await client.ConnectAsync(Timeout());

        var status = HallJson.Deserialize<DeviceStatusMessage>(System.Text.Encoding.UTF8.GetBytes((await _broker.RetainedAsync(StatusTopic))!))!;
        Assert.True(status.Online);
        Assert.Equal("test-1.0", status.Firmware);
        Assert.True(client.IsOnline);
    }

    [Fact]
    public async Task Answers_are_matched_to_their_requests_by_request_id()
    {
        await using var client = NewClient();
        await client.ConnectAsync(Timeout());

        var first = client.RequestAsync("ticket", "r-1", Request("r-1", "A"), Timeout());
        var second = client.RequestAsync("ticket", "r-2", Request("r-2", "B"), Timeout());
        var seen = new[] { await _broker.NextRequestAsync(), await _broker.NextRequestAsync() };

        Assert.All(seen, s => Assert.Equal(Topics.Request(HallId, DeviceId, "ticket"), s.Topic));
        Assert.Equal(["r-1", "r-2"], seen.Select(s => s.RequestId).Order());

        // Out of order, with a stray answer to nobody in between.
        var response = Topics.Response(HallId, DeviceId, "ticket");
        await _broker.ReplyAsync(response, Ticket("r-2", "B001"));
        await _broker.ReplyAsync(response, Ticket("stray", "Z999"));
        await _broker.ReplyAsync(response, Ticket("r-1", "A001"));

        Assert.Equal("A001", (await first).ReadAs<TicketReply>()!.TicketNo);
        Assert.Equal("B001", (await second).ReadAs<TicketReply>()!.TicketNo);
    }

    [Fact]
    public async Task An_error_answer_comes_back_as_an_error()
    {
        await using var client = NewClient();
        await client.ConnectAsync(Timeout());

        var pending = client.RequestAsync("ticket", "r-9", Request("r-9", "Q"), Timeout());
        var seen = await _broker.NextRequestAsync();
        await _broker.ReplyAsync(
            Topics.Response(HallId, DeviceId, "ticket"),
            HallJson.Serialize(new ErrorReply(seen.RequestId, DateTimeOffset.UnixEpoch, new ErrorBody(ErrorCodes.UnknownCategory, "没有这个业务类别"))));

        var reply = await pending;
        Assert.True(reply.IsError);
        Assert.Equal(ErrorCodes.UnknownCategory, reply.Error!.Code);
        Assert.Equal("没有这个业务类别", reply.Error.Message);
    }

    [Fact]
    public async Task An_unanswered_request_ends_as_no_reply_when_its_time_is_up()
    {
        var time = new FakeTimeProvider();
        await using var client = NewClient(time);
        await client.ConnectAsync(Timeout());

        var pending = client.RequestAsync("counter", "r-5", Request("r-5", "A"), Timeout());
        await _broker.NextRequestAsync();
        Assert.False(pending.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(5));

        var reply = await pending.WaitAsync(TestBroker.WaitLimit);
        Assert.Equal(DeviceReply.NoReplyCode, reply.Error!.Code);
    }

    [Fact]
    public async Task A_killed_device_leaves_the_retained_offline_will()
    {
        var client = NewClient();
        await client.ConnectAsync(Timeout());
        await _broker.WaitForRetainedAsync(StatusTopic, s => s.Contains("\"online\":true", StringComparison.Ordinal));

        // Dispose drops the socket with no DISCONNECT packet, as a power cut would.
        await client.DisposeAsync();

        var will = await _broker.WaitForRetainedAsync(StatusTopic, s => s.Contains("\"online\":false", StringComparison.Ordinal));
        Assert.Equal("""{"online":false}""", will);
    }

    [Fact]
    public async Task A_clean_stop_publishes_offline_status_itself()
    {
        await using var client = NewClient();
        await client.ConnectAsync(Timeout());

        await client.DisconnectAsync(Timeout());

        var status = await _broker.WaitForRetainedAsync(StatusTopic, s => s.Contains("\"online\":false", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(status);
        Assert.Equal("test-1.0", json.RootElement.GetProperty("firmware").GetString());
        Assert.True(json.RootElement.TryGetProperty("ts", out _));
    }

    [Fact]
    public async Task A_request_made_while_the_link_is_down_goes_out_after_the_reconnect()
    {
        await using var client = NewClient();
        using var stop = new CancellationTokenSource();
        var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionChanged += (_, up) => (up ? online : dropped).TrySetResult();
        var run = client.RunAsync(stop.Token);
        await online.Task.WaitAsync(TestBroker.WaitLimit);
        online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await _broker.KickAsync(DeviceId);
        await dropped.Task.WaitAsync(TestBroker.WaitLimit);
        var pending = client.RequestAsync("ticket", "r-7", Request("r-7", "A"), Timeout());

        var seen = await _broker.NextRequestAsync();
        Assert.Equal("r-7", seen.RequestId);
        await online.Task.WaitAsync(TestBroker.WaitLimit);
        await _broker.ReplyAsync(Topics.Response(HallId, DeviceId, "ticket"), Ticket("r-7", "A007"));

        Assert.Equal("A007", (await pending).ReadAs<TicketReply>()!.TicketNo);
        await stop.CancelAsync();
        await run.WaitAsync(TestBroker.WaitLimit);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_and_announce_nothing()
    {
        await using var client = NewClient(password: "wrong");

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Timeout()));

        Assert.Null(await _broker.RetainedAsync(StatusTopic));
        Assert.False(client.IsOnline);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TestBroker.WaitLimit).Token;

    private static byte[] Request(string requestId, string category) =>
        HallJson.Serialize(new TicketRequest { RequestId = requestId, Ts = DateTimeOffset.UnixEpoch, Category = category });

    private static byte[] Ticket(string requestId, string ticketNo) => HallJson.Serialize(new TicketReply
    {
        RequestId = requestId,
        Ts = DateTimeOffset.UnixEpoch,
        TicketNo = ticketNo,
        Category = ticketNo[..1],
        WaitingAhead = 0,
        EstimatedWaitMinutes = 0,
        IssuedAt = DateTimeOffset.UnixEpoch,
    });

    private HallDeviceClient NewClient(TimeProvider? time = null, string password = TestBroker.Password) => new(
        Options.Create(new DeviceClientOptions
        {
            Host = "127.0.0.1",
            Port = _broker.Port,
            HallId = HallId,
            DeviceId = DeviceId,
            Username = TestBroker.Username,
            Password = password,
            Firmware = "test-1.0",
            RequestTimeout = TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        }),
        time ?? TimeProvider.System,
        NullLogger<HallDeviceClient>.Instance);
}
