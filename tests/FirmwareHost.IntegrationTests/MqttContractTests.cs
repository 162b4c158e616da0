using System.Text.Json;
using Hall.Contract;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>Contract v1 as a device sees it, with Debian's mosquitto clients against a running box.</summary>
public sealed class MqttContractTests : IClassFixture<BoxFixture>
{
    private readonly BoxFixture _f;

    public MqttContractTests(BoxFixture fixture) => _f = fixture;

    private string H => _f.Box.HallId;

    [Fact]
    public async Task Kiosk_gets_consecutive_ticket_numbers_for_a_category()
    {
        var first = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", Req("""{"category":"B"}"""));
        var second = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", Req("""{"category":"B"}"""));

        var a = first.GetProperty("ticketNo").GetString()!;
        var b = second.GetProperty("ticketNo").GetString()!;
        Assert.Matches("^B[0-9]{3}$", a);
        Assert.Equal(int.Parse(a[1..], System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(b[1..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("B", second.GetProperty("category").GetString());
        Assert.True(second.GetProperty("waitingAhead").GetInt32() >= 1);
        Assert.True(second.GetProperty("estimatedWaitMinutes").GetInt32() >= 0);
        Assert.Contains("+08:00", second.GetProperty("issuedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_next_puts_the_call_on_the_hall_display_with_its_announcement()
    {
        var ticket = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", Req("""{"category":"A"}"""));
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;
        await using var display = await MosquittoClient.SubscribeAsync(_f.Box, _f.Display, $"hall/{H}/display/call");

        // Counter 2 calls until it reaches our ticket (earlier tests may have left tickets waiting).
        JsonElement call = default;
        for (var i = 0; i < 20; i++)
        {
            var state = await MosquittoClient.RequestAsync(_f.Box, _f.Caller2, "counter", Req("""{"cmd":"next"}"""));
            Assert.False(state.TryGetProperty("error", out var error), error.ToString());
            call = (await display.NextAsync(TimeSpan.FromSeconds(10))).Payload;
            if (call.GetProperty("ticketNo").GetString() == ticketNo)
            {
                Assert.Equal(ticketNo, state.GetProperty("ticketNo").GetString());
                break;
            }
        }

        Assert.Equal(ticketNo, call.GetProperty("ticketNo").GetString());
        Assert.Equal("2", call.GetProperty("counter").GetString());
        Assert.Equal($"请{ticketNo}号到2号窗口办理", call.GetProperty("announcement").GetString());
        Assert.False(call.GetProperty("recall").GetBoolean());
    }

    [Fact]
    public async Task A_display_that_connects_later_gets_the_board_and_counter_state_retained()
    {
        await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", Req("""{"category":"A"}"""));
        var state = await MosquittoClient.RequestAsync(_f.Box, _f.Caller1, "counter", Req("""{"cmd":"next"}"""));
        var served = state.GetProperty("ticketNo").GetString();

        await using var late = await MosquittoClient.SubscribeAsync(_f.Box, _f.Display, $"hall/{H}/display/board", $"hall/{H}/counter/1/state");
        var messages = new[] { await late.NextAsync(TimeSpan.FromSeconds(10)), await late.NextAsync(TimeSpan.FromSeconds(10)) };

        var board = messages.Single(m => m.Topic.EndsWith("/display/board", StringComparison.Ordinal)).Payload;
        var counter = messages.Single(m => m.Topic.EndsWith("/counter/1/state", StringComparison.Ordinal)).Payload;
        Assert.Contains(board.GetProperty("recentCalls").EnumerateArray(), c => c.GetProperty("ticketNo").GetString() == served);
        Assert.True(board.GetProperty("waiting").ValueKind == JsonValueKind.Object);
        Assert.Equal(served, counter.GetProperty("ticketNo").GetString());
        Assert.Equal("open", counter.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Anonymous_and_wrong_password_clients_are_refused()
    {
        var (anonymous, anonymousOutput) = await MosquittoClient.PublishAsync(_f.Box, null, $"hall/{H}/device/kiosk-1/req/ticket", Req("""{"category":"A"}"""));
        var forged = _f.Kiosk with { Password = "not-the-secret" };
        var (wrong, wrongOutput) = await MosquittoClient.PublishAsync(_f.Box, forged, $"hall/{H}/device/kiosk-1/req/ticket", Req("""{"category":"A"}"""));

        Assert.NotEqual(0, anonymous);
        Assert.Contains("refused", anonymousOutput, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(0, wrong);
        Assert.Contains("refused", wrongOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_device_cannot_act_outside_its_role()
    {
        // A kiosk asking for a counter command gets a clear refusal.
        var reply = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "counter", Req("""{"cmd":"next"}"""));
        Assert.Equal(ErrorCodes.NotAllowed, reply.GetProperty("error").GetProperty("code").GetString());

        // A kiosk publishing on a caller's topic reaches nobody: the caller's counter does not move.
        // The caller's own ping, sent after the kiosk's publish was acknowledged, is the first thing on its reply topic.
        await using var counterWatch = await MosquittoClient.SubscribeAsync(_f.Box, _f.Caller1, $"hall/{H}/device/caller-1/res/#");
        await MosquittoClient.PublishAsync(_f.Box, _f.Kiosk, $"hall/{H}/device/caller-1/req/counter", Req("""{"cmd":"next"}"""));
        await MosquittoClient.PublishAsync(_f.Box, _f.Caller1, $"hall/{H}/device/caller-1/req/ping", Req("{}"));
        var first = await counterWatch.NextAsync(TimeSpan.FromSeconds(15));
        Assert.Equal($"hall/{H}/device/caller-1/res/ping", first.Topic);

        // A kiosk may not listen to a counter's evaluator topic: the broker's SUBACK says so.
        await using var snoop = await MosquittoClient.SubscribeAsync(_f.Box, _f.Kiosk, $"hall/{H}/counter/1/evaluate");
        await snoop.WaitForOutputAsync("denied", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Malformed_json_and_unknown_category_get_error_replies_and_the_box_keeps_serving()
    {
        var broken = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", """{"requestId":"x1","category":""");
        Assert.Equal(ErrorCodes.BadJson, broken.GetProperty("error").GetProperty("code").GetString());

        var unknown = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", Req("""{"category":"Z"}"""));
        Assert.Equal(ErrorCodes.UnknownCategory, unknown.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(unknown.GetProperty("error").GetProperty("message").GetString()));

        var good = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", Req("""{"category":"A"}"""));
        Assert.Matches("^A[0-9]{3}$", good.GetProperty("ticketNo").GetString());
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_answer_and_issues_nothing_new()
    {
        var id = Guid.NewGuid().ToString("N");
        var body = $$"""{"requestId":"{{id}}","ts":"2026-11-23T09:00:00+08:00","category":"A"}""";
        var first = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", body);
        var again = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", body);
        var next = await MosquittoClient.RequestAsync(_f.Box, _f.Kiosk, "ticket", Req("""{"category":"A"}"""));

        Assert.Equal(first.GetProperty("ticketNo").GetString(), again.GetProperty("ticketNo").GetString());
        Assert.Equal(first.GetProperty("issuedAt").GetString(), again.GetProperty("issuedAt").GetString());
        var n1 = int.Parse(first.GetProperty("ticketNo").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
        var n3 = int.Parse(next.GetProperty("ticketNo").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(n1 + 1, n3);
    }

    [Fact]
    public async Task Ping_answers_every_role()
    {
        var reply = await MosquittoClient.RequestAsync(_f.Box, _f.Evaluator, "ping", Req("{}"));
        Assert.True(reply.TryGetProperty("ts", out _));
        Assert.False(reply.TryGetProperty("error", out _));
    }

    /// <summary>Adds a fresh requestId and ts to a JSON object body.</summary>
    internal static string Req(string json)
    {
        var inner = json.Trim()[1..^1].Trim();
        var head = $"\"requestId\":\"{Guid.NewGuid():N}\",\"ts\":\"{DateTimeOffset.Now:O}\"";
        return "{" + head + (inner.Length > 0 ? "," + inner : string.Empty) + "}";
    }
}
