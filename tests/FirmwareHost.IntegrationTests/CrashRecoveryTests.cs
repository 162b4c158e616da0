using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>A power cut in the middle of a ticket burst: what a device was told survives.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Every_answered_ticket_survives_SIGKILL_numbering_continues_and_retained_state_returns()
    {
        await using var box = new BoxProcess("crash");
        var kiosks = Enumerable.Range(1, 4).Select(i => box.Enroll($"kiosk-{i}", DeviceRole.Kiosk)).ToList();
        var caller = box.Enroll("caller-1", DeviceRole.Caller, "1");
        var display = box.Enroll("display-1", DeviceRole.Display);
        await box.StartAsync();

        // Counter 1 calls one ticket before the cut, so there is a counter state to come back.
        await using (var callerDevice = await MqttDevice.ConnectAsync(box, caller))
        await using (var kioskDevice = await MqttDevice.ConnectAsync(box, kiosks[0]))
        {
            await kioskDevice.RequestAsync("ticket", new { category = "A" }, TimeSpan.FromSeconds(10));
            var state = await callerDevice.RequestAsync("counter", new { cmd = "next" }, TimeSpan.FromSeconds(10));
            Assert.False(state.TryGetProperty("error", out var error), error.ToString());
        }

        var calledBeforeCut = await CounterTicketAsync(box, display);

        // The burst: four kiosks asking as fast as they can; the box is killed after 120 answers.
        var answered = new ConcurrentBag<string>();
        using var stopBurst = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var burst = kiosks.Select((k, i) => Task.Run(async () =>
        {
            await using var device = await MqttDevice.ConnectAsync(box, k);
            while (!stopBurst.IsCancellationRequested)
            {
                try
                {
                    var reply = await device.RequestAsync("ticket", new { category = i % 2 == 0 ? "A" : "B" }, TimeSpan.FromSeconds(3));
                    answered.Add(reply.GetProperty("ticketNo").GetString()!);
                }
                catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException)
                {
                    return;
                }
            }
        })).ToList();

        while (answered.Count < 120 && !stopBurst.IsCancellationRequested)
        {
            await Task.Delay(5);
        }

        box.Kill();
        await stopBurst.CancelAsync();
        await Task.WhenAll(burst);
        Assert.True(answered.Count >= 120, "The burst did not get going.");

        await box.StartAsync();

        // Every ticket a kiosk was told about is in the queue after the restart.
        using var http = new HttpClient { BaseAddress = box.BaseUri };
        var snapshot = await http.GetFromJsonAsync<JsonElement>("api/queue");
        var waiting = snapshot.GetProperty("waiting").EnumerateObject()
            .SelectMany(c => c.Value.EnumerateArray().Select(t => t.GetProperty("ticketNo").GetString()!))
            .ToHashSet(StringComparer.Ordinal);
        var missing = answered.Where(t => !waiting.Contains(t)).ToList();
        Assert.True(missing.Count == 0, $"Answered before the cut but lost: {string.Join(", ", missing)}");

        // Numbering continues after the highest number ever handed out; nothing is reused.
        await using (var kioskDevice = await MqttDevice.ConnectAsync(box, kiosks[0]))
        {
            var next = (await kioskDevice.RequestAsync("ticket", new { category = "A" }, TimeSpan.FromSeconds(10))).GetProperty("ticketNo").GetString()!;
            var highest = waiting.Where(t => t[0] == 'A').Append(calledBeforeCut).Max(t => int.Parse(t[1..], CultureInfo.InvariantCulture));
            Assert.True(int.Parse(next[1..], CultureInfo.InvariantCulture) > highest, $"{next} reuses a number at or below A{highest:000}");
            Assert.DoesNotContain(next, answered);
        }

        // Retained state is back for a display that connects now.
        Assert.Equal(calledBeforeCut, await CounterTicketAsync(box, display));
    }

    private static async Task<string> CounterTicketAsync(BoxProcess box, Hall.DeviceRegistry.DeviceCredentials display)
    {
        await using var sub = await MosquittoClient.SubscribeAsync(box, display, $"hall/{box.HallId}/counter/1/state", $"hall/{box.HallId}/display/board");
        var first = await sub.NextAsync(TimeSpan.FromSeconds(10));
        var second = await sub.NextAsync(TimeSpan.FromSeconds(10));
        var state = new[] { first, second }.Single(m => m.Topic.EndsWith("/counter/1/state", StringComparison.Ordinal)).Payload;
        var board = new[] { first, second }.Single(m => m.Topic.EndsWith("/display/board", StringComparison.Ordinal)).Payload;
        var ticket = state.GetProperty("ticketNo").GetString()!;
        Assert.Contains(board.GetProperty("recentCalls").EnumerateArray(), c => c.GetProperty("ticketNo").GetString() == ticket);
        return ticket;
    }
}
