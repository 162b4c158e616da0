namespace Hall.Benchmarks;

/// <summary>
/// Mosquitto as a child process on a loopback port (anonymous, no persistence), with a
/// <see cref="PingResponder"/> answering req/ping the way the box does.
/// </summary>
public sealed class MosquittoTarget : IBenchTarget
{
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _directory;
    private readonly PingResponder _responder;

    private MosquittoTarget(ChildProcess process, DirectoryInfo directory, PingResponder responder, int port, string hallId, Fleet fleet)
    {
        _process = process;
        _directory = directory;
        _responder = responder;
        Port = port;
        HallId = hallId;
        Fleet = fleet;
    }

    public string Name => "mosquitto";

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string HallId { get; }

    public Fleet Fleet { get; }

    public static async Task<MosquittoTarget> StartAsync(string mosquitto, string hallId, int kiosks, int displays, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("hall-bench-mosquitto-");
        var port = Ports.Free();
        var config = Path.Combine(directory.FullName, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 100000
            max_inflight_messages 100
            set_tcp_nodelay true
            log_dest stdout
            log_type error
            log_type warning

            """, cancellationToken);
        var process = ChildProcess.Start(mosquitto, ["-c", config], Path.Combine(directory.FullName, "mosquitto.log"));
        if (!await Ports.WaitOpenAsync(port, TimeSpan.FromSeconds(15), () => process.HasExited, cancellationToken))
        {
            var tail = process.Tail();
            await process.DisposeAsync();
            throw new InvalidOperationException($"Mosquitto did not start on port {port}: {tail}");
        }

        var responder = new PingResponder(hallId);
        try
        {
            await responder.StartAsync("127.0.0.1", port, cancellationToken);
        }
        catch
        {
            await responder.DisposeAsync();
            await process.DisposeAsync();
            throw;
        }

        return new MosquittoTarget(process, directory, responder, port, hallId, Fleet.Anonymous(kiosks, displays));
    }

    public async ValueTask DisposeAsync()
    {
        await _responder.DisposeAsync();
        await _process.DisposeAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp; harmless.
        }
    }
}
