using System.Net;
using System.Net.Sockets;

namespace Hall.Benchmarks;

internal static class Ports
{
    /// <summary>A loopback port free right now (the OS picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Two distinct loopback ports: both listeners are held open together so the OS cannot repeat one.</summary>
    public static (int First, int Second) FreePair()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        var pair = (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        first.Stop();
        second.Stop();
        return pair;
    }

    /// <summary>Polls until something accepts TCP on the port; bounded by <paramref name="limit"/>.</summary>
    public static async Task<bool> WaitOpenAsync(int port, TimeSpan limit, Func<bool> gaveUp, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until && !gaveUp())
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        return false;
    }
}
