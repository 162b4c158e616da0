using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Hall.Contract;
using Hall.Devices.HallSimulator;

namespace Hall.Benchmarks;

/// <summary>
/// Caller "next" → <c>display/call</c> seen by a display: the time from the caller's publish until a
/// display subscribed to the hall's calls receives the call for that counter.
/// </summary>
internal static class CallLatency
{
    public static async Task<LoadResult> RunAsync(ConnectedFleet fleet, string hallId, int rounds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stats = new Stats();
        var codes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var pending = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        var callTopic = Topics.DisplayCall(hallId);
        var display = fleet.Displays[0];
        void OnMessage(SimulatedDevice _, string topic, System.Buffers.ReadOnlySequence<byte> payload, long received)
        {
            if (topic != callTopic)
            {
                return;
            }

            var call = HallJson.Deserialize<CallMessage>(payload.ToArray());
            if (call is not null && pending.TryGetValue(call.Counter, out var waiting))
            {
                waiting.TrySetResult(received);
            }
        }

        display.MessageReceived += OnMessage;
        int sent = 0, answered = 0, refused = 0, lost = 0;
        var start = Stopwatch.GetTimestamp();
        try
        {
            await Task.WhenAll(fleet.Callers.Select(async caller =>
            {
                for (var round = 0; round < rounds; round++)
                {
                    var finish = Requests.Counter(caller.Device, "finish");
                    await Safe(caller.Device.RequestAsync(finish.Name, finish.RequestId, finish.Payload, timeout, cancellationToken));
                    var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                    pending[caller.Counter] = seen;
                    var next = Requests.Counter(caller.Device, "next");
                    Interlocked.Increment(ref sent);
                    var t0 = Stopwatch.GetTimestamp();
                    var reply = await Safe(caller.Device.RequestAsync(next.Name, next.RequestId, next.Payload, timeout, cancellationToken));
                    if (reply?.ErrorCode is { } code)
                    {
                        Interlocked.Increment(ref refused);
                        codes.AddOrUpdate(code, 1, (_, n) => n + 1);
                        pending.TryRemove(caller.Counter, out _);
                        continue;
                    }

                    try
                    {
                        var received = await seen.Task.WaitAsync(timeout, cancellationToken);
                        stats.Add(Stats.Ms(t0, received));
                        Interlocked.Increment(ref answered);
                    }
                    catch (TimeoutException)
                    {
                        Interlocked.Increment(ref lost);
                        codes.AddOrUpdate("no display/call", 1, (_, n) => n + 1);
                    }
                    finally
                    {
                        pending.TryRemove(caller.Counter, out _);
                    }
                }
            }));
        }
        finally
        {
            display.MessageReceived -= OnMessage;
        }

        return new LoadResult("caller next → display/call", sent, answered, refused, lost, stats, Stopwatch.GetElapsedTime(start), new Dictionary<string, int>(codes, StringComparer.Ordinal));
    }

    private static async Task<DeviceReply?> Safe(Task<DeviceReply> request)
    {
        try
        {
            return await request;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
