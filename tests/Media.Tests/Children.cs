namespace Hall.Media.Tests;

/// <summary>What the kernel says about the test's child processes, read from /proc.</summary>
internal static class Children
{
    /// <summary>A shell that starts a long sleep in the background, prints its pid, and waits for it: a tree of two.</summary>
    public static MediaCommand ShellWithGrandchild() => new("sh", ["-c", "sleep 600 & echo $!; wait"]);

    /// <summary>The first line the child writes to stdout.</summary>
    public static async Task<int> ReadPidAsync(MediaProcess process, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await process.StandardOutput.ReadAsync(one, cancellationToken) == 1 && one[0] != '\n')
            line.Add(one[0]);
        return int.Parse(System.Text.Encoding.ASCII.GetString([.. line]), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True while the process exists and is not a zombie (dead, waiting to be reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Polls /proc until the process is gone; the token bounds the wait (a kill takes effect asynchronously).</summary>
    public static async Task WaitUntilGoneAsync(int pid, CancellationToken cancellationToken)
    {
        while (IsAlive(pid))
            await Task.Delay(20, cancellationToken);
    }
}
