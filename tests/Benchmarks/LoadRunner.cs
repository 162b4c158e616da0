using System.Collections.Concurrent;
using System.Diagnostics;
using Hall.Devices.HallSimulator;

namespace Hall.Benchmarks;

/// <summary>Builds request number <c>i</c> for a device: its name, requestId and JSON payload.</summary>
public delegate (string Name, string RequestId, byte[] Payload) RequestFactory(SimulatedDevice device, long i);

/// <summary>
/// Drives requests through real MQTT clients. Open loop: requests leave on a fixed schedule whatever the
/// answers do, and latency runs from the scheduled moment (so a stalled sender or broker cannot hide its
/// queue). Closed loop: each device keeps a fixed number of requests in flight, as fast as answers come.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> OpenLoopAsync(string label, IReadOnlyList<SimulatedDevice> devices, RequestFactory make, double rate, TimeSpan duration, int maxRequests, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var total = (int)Math.Min(maxRequests, Math.Ceiling(rate * duration.TotalSeconds));
        var tally = new Tally();
        var tasks = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        for (var i = 0; i < total; i++)
        {
            var scheduled = start + (long)(i * ticksPerRequest);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var device = devices[i % devices.Count];
            tasks.Add(OneAsync(device, make(device, i), scheduled, timeout, tally, cancellationToken));
        }

        await Task.WhenAll(tasks);
        return tally.Result(label, total, start);
    }

    public static async Task<LoadResult> ClosedLoopAsync(string label, IReadOnlyList<SimulatedDevice> devices, RequestFactory make, int inFlightPerDevice, TimeSpan duration, int maxRequests, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var issued = 0L;
        var start = Stopwatch.GetTimestamp();
        var loops = devices.SelectMany(d => Enumerable.Repeat(d, inFlightPerDevice)).Select(async device =>
        {
            await Task.Yield();
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                var i = Interlocked.Increment(ref issued);
                if (i > maxRequests)
                {
                    return;
                }

                await OneAsync(device, make(device, i), Stopwatch.GetTimestamp(), timeout, tally, cancellationToken);
            }
        }).ToArray();
        await Task.WhenAll(loops);
        return tally.Result(label, (int)Math.Min(Interlocked.Read(ref issued), maxRequests), start);
    }

    private static async Task OneAsync(SimulatedDevice device, (string Name, string RequestId, byte[] Payload) request, long scheduled, TimeSpan timeout, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await device.RequestAsync(request.Name, request.RequestId, request.Payload, timeout, cancellationToken);
            tally.Done(reply.ReceivedTimestamp);
            if (reply.ErrorCode is null)
            {
                tally.Latency.Add(Stats.Ms(scheduled, reply.ReceivedTimestamp));
                Interlocked.Increment(ref tally.Answered);
            }
            else
            {
                Interlocked.Increment(ref tally.Refused);
                tally.Codes.AddOrUpdate(reply.ErrorCode, 1, (_, n) => n + 1);
            }
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref tally.Lost);
            tally.Codes.AddOrUpdate("timeout", 1, (_, n) => n + 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref tally.Lost);
            tally.Codes.AddOrUpdate("failed: " + e.GetType().Name, 1, (_, n) => n + 1);
        }
    }

    private sealed class Tally
    {
        public readonly Stats Latency = new();
        public readonly ConcurrentDictionary<string, int> Codes = new(StringComparer.Ordinal);
        public int Answered;
        public int Refused;
        public int Lost;
        private long _last;

        public void Done(long timestamp)
        {
            long seen;
            do
            {
                seen = Interlocked.Read(ref _last);
            }
            while (timestamp > seen && Interlocked.CompareExchange(ref _last, timestamp, seen) != seen);
        }

        public LoadResult Result(string label, int sent, long start)
        {
            var end = Math.Max(Interlocked.Read(ref _last), start);
            return new LoadResult(label, sent, Answered, Refused, Lost, Latency, Stopwatch.GetElapsedTime(start, end), new Dictionary<string, int>(Codes, StringComparer.Ordinal));
        }
    }
}
