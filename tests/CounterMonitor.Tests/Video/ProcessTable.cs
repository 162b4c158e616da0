using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hall.CounterMonitor.Tests.Video;

/// <summary>What the kernel says about processes and sockets, read from /proc.</summary>
internal static class ProcessTable
{
    /// <summary>Live (not zombie) processes whose command line contains the text.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state follows the command name in parentheses; Z is a zombie (dead, not yet reaped).
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nobody listens on at the moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when some process listens on 127.0.0.1:port (IPv4).</summary>
    public static bool IsListening(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return File.ReadLines("/proc/net/tcp")
            .Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && f[3] == "0A");
    }

    /// <summary>Polls until the condition holds; the token bounds the wait.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
            await Task.Delay(50, cancellationToken);
    }
}
