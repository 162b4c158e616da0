using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// One run of ffmpeg or ffprobe as a child process, the way CounterMonitor's CameraFeed does it: arguments through
/// ArgumentList (no shell, no quoting), stdin closed, stderr read line by line into a handler and a short tail, and the
/// whole process tree killed on cancellation, on the no-progress watchdog, or when the reader gives up.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private const int TailLines = 12;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Queue<string> _tail = new(TailLines);
    private readonly Lock _lock = new();
    private readonly Action<string>? _onStderrLine;
    private int _killed;

    private ToolProcess(Process process, Action<string>? onStderrLine)
    {
        _process = process;
        _onStderrLine = onStderrLine;
    }

    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    public int Id => _process.Id;

    /// <summary>True once this side killed the process (cancelled, watchdog, or disposed early).</summary>
    public bool Killed => Volatile.Read(ref _killed) == 1;

    /// <summary>Starts the tool. Throws <see cref="InvalidOperationException"/> when the executable cannot be started.</summary>
    public static ToolProcess Start(string executable, IEnumerable<string> arguments, Action<string>? onStderrLine = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            // Redirected and closed at once, so the tool never shares the box's stdin.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        var process = new Process { StartInfo = info };
        var tool = new ToolProcess(process, onStderrLine);
        process.ErrorDataReceived += (_, e) => tool.OnStderr(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot start {executable}: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>The last lines written to stderr (without the level tags), oldest first.</summary>
    public IReadOnlyList<string> StderrTail()
    {
        lock (_lock)
            return [.. _tail];
    }

    /// <summary>
    /// Waits for the tool to exit by itself and for stderr to be fully read; returns the exit code, or null when it
    /// had to be killed (the wait ran out or the token was cancelled; the token's cancellation is rethrown).
    /// </summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return Killed ? null : _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            await WaitAfterKillAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited or disposed.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the signal.
        }
    }

    /// <summary>Kills the tree if still running (a reader that stopped early) and reaps it.</summary>
    public void Dispose()
    {
        if (!HasExited())
        {
            Kill();
            // Bounded: a killed process is reaped within milliseconds; never hang disposal on it.
            _process.WaitForExit(ExitWait);
        }

        _process.Dispose();
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private async Task WaitAfterKillAsync()
    {
        using var limit = new CancellationTokenSource(ExitWait);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Left to Dispose, which waits again; nothing else can be done about a process that ignores SIGKILL.
        }
    }

    private void OnStderr(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        _onStderrLine?.Invoke(line);
        lock (_lock)
        {
            if (_tail.Count == TailLines)
                _tail.Dequeue();
            _tail.Enqueue(line);
        }
    }
}
