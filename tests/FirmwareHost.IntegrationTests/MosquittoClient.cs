using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Hall.DeviceRegistry;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// Drives Debian's mosquitto_pub and mosquitto_sub against the box: the same real clients a
/// technician uses in the field. Every wait is bounded.
/// </summary>
public static class MosquittoClient
{
    private const string Marker = "HALLMSG ";

    /// <summary>Plain MQTT to the box (its device LAN isolated).</summary>
    public static string[] Plain(BoxProcess box) => ["-h", "127.0.0.1", "-p", box.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>MQTT over TLS to the box, trusting only <paramref name="caFile"/> (the box's own certificate, or another).</summary>
    public static string[] Tls(BoxProcess box, string caFile) =>
        ["-h", "127.0.0.1", "-p", box.MqttTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cafile", caFile];

    public static async Task<(int ExitCode, string Output)> PublishAsync(BoxProcess box, DeviceCredentials? who, string topic, string payload, bool retain = false, IReadOnlyList<string>? connection = null)
    {
        var args = new List<string>(connection ?? Plain(box)) { "-q", "1", "-t", topic, "-m", payload };
        args.AddRange(Identity(who, "pub"));
        if (retain)
        {
            args.Add("-r");
        }

        return await RunAsync("mosquitto_pub", args, TimeSpan.FromSeconds(15));
    }

    /// <summary>Starts mosquitto_sub and returns once the broker has acknowledged the subscription.</summary>
    public static Task<Subscription> SubscribeAsync(BoxProcess box, DeviceCredentials? who, params string[] topics) =>
        SubscribeViaAsync(Plain(box), who, topics);

    /// <summary>As <see cref="SubscribeAsync"/>, connecting with <paramref name="connection"/> (<see cref="Plain"/> or <see cref="Tls"/>).</summary>
    public static async Task<Subscription> SubscribeViaAsync(IReadOnlyList<string> connection, DeviceCredentials? who, params string[] topics)
    {
        // stdbuf: mosquitto_sub's debug lines (which say when the subscription is in place) are block-buffered on a pipe.
        var info = new ProcessStartInfo("stdbuf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-oL", "mosquitto_sub" }.Concat(connection).Concat(["-q", "1", "-d", "-F", Marker + "%t %p"])
                     .Concat(Identity(who, "sub"))
                     .Concat(topics.SelectMany(t => new[] { "-t", t })))
        {
            info.ArgumentList.Add(arg);
        }

        var subscription = new Subscription(Process.Start(info)!);
        await subscription.WaitSubscribedAsync(TimeSpan.FromSeconds(15));
        return subscription;
    }

    /// <summary>Sends a request as the device and waits for the reply with the same requestId.</summary>
    public static async Task<JsonElement> RequestAsync(BoxProcess box, DeviceCredentials who, string name, string json)
    {
        ArgumentNullException.ThrowIfNull(who);
        await using var sub = await SubscribeAsync(box, who, $"hall/{box.HallId}/device/{who.DeviceId}/res/{name}");
        var (code, output) = await PublishAsync(box, who, $"hall/{box.HallId}/device/{who.DeviceId}/req/{name}", json);
        Assert.True(code == 0, $"mosquitto_pub failed ({code}): {output}");
        var message = await sub.NextAsync(TimeSpan.FromSeconds(15));
        return message.Payload;
    }

    private static IEnumerable<string> Identity(DeviceCredentials? who, string suffix) =>
        who is null
            ? ["-i", $"anon-{suffix}-{Guid.NewGuid():N}"[..20]]
            : ["-i", $"{who.DeviceId}-{suffix}-{Guid.NewGuid():N}"[..Math.Min(60, who.DeviceId.Length + 13)], "-u", who.Username, "-P", who.Password];

    private static async Task<(int, string)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A running mosquitto_sub.</summary>
    public sealed class Subscription : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>();
        private readonly TaskCompletionSource<bool> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _debug = [];
        private TaskCompletionSource _debugLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Subscription(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => OnLine(e.Data);
            _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            _process.Exited += (_, _) =>
            {
                // Let the output handlers see every line first: a refused subscription still printed its SUBACK.
                _process.WaitForExit();
                _subscribed.TrySetResult(false);
            };
            _process.EnableRaisingEvents = true;
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string DebugOutput
        {
            get
            {
                lock (_debug)
                {
                    return string.Join('\n', _debug);
                }
            }
        }

        public bool HasExited => _process.HasExited;

        public async Task WaitSubscribedAsync(TimeSpan timeout)
        {
            var ok = await _subscribed.Task.WaitAsync(timeout);
            if (!ok)
            {
                throw new InvalidOperationException($"mosquitto_sub did not subscribe: {DebugOutput}");
            }
        }

        /// <summary>Waits until mosquitto_sub has printed <paramref name="text"/> (e.g. that a subscription was denied).</summary>
        public async Task WaitForOutputAsync(string text, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (true)
            {
                Task next;
                lock (_debug)
                {
                    if (_debug.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase)))
                    {
                        return;
                    }

                    next = _debugLine.Task;
                }

                try
                {
                    await next.WaitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"mosquitto_sub did not say '{text}' within {timeout}:\n{DebugOutput}");
                }
            }
        }

        public async Task<Message> NextAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                return await _messages.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No message within {timeout}. mosquitto_sub said:\n{DebugOutput}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                var rest = line[Marker.Length..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var topic = rest[..space];
                using var document = JsonDocument.Parse(rest[(space + 1)..]);
                _messages.Writer.TryWrite(new Message(topic, document.RootElement.Clone()));
                return;
            }

            TaskCompletionSource said;
            lock (_debug)
            {
                _debug.Add(line);
                said = _debugLine;
                _debugLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            said.TrySetResult();

            if (line.Contains("received SUBACK", StringComparison.Ordinal))
            {
                _subscribed.TrySetResult(true);
            }
        }
    }

    /// <summary>One message as mosquitto_sub printed it.</summary>
    public sealed record Message(string Topic, JsonElement Payload);
}
