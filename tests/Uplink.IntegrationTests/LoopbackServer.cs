using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Hall.Uplink.IntegrationTests;

/// <summary>A TCP server on loopback port 0 running one handler per connection; resets from the proxy end handlers, so their exceptions are swallowed.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _handlers = [];
    private readonly Func<NetworkStream, CancellationToken, Task> _handler;
    private readonly Task _acceptLoop;
    private int _accepted;

    private LoopbackServer(Func<NetworkStream, CancellationToken, Task> handler)
    {
        _handler = handler;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public int Accepted => Volatile.Read(ref _accepted);

    public static LoopbackServer Start(Func<NetworkStream, CancellationToken, Task> handler) => new(handler);

    /// <summary>Echoes every byte back; half-closes when the client does.</summary>
    public static LoopbackServer Echo() => Start(async (stream, token) =>
    {
        await stream.CopyToAsync(stream, token);
        stream.Socket.Shutdown(SocketShutdown.Send);
    });

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(_handlers).WaitAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _handlers.Add(HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        await Task.Yield();
        using var registration = _stopping.Token.Register(client.Dispose);
        try
        {
            using (client)
                await _handler(client.GetStream(), _stopping.Token);
        }
        catch (Exception)
        {
            // resets are what the proxy is for
        }
    }
}
