using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Hall.Media;

/// <summary>
/// The one way the box runs ffmpeg, ffprobe and espeak-ng: arguments through ArgumentList (no shell, no quoting),
/// stdin written from memory and closed, stdout left to the caller as a stream (frames), stderr read line by line into
/// a short tail for the error message, and the whole process tree killed on cancellation, on the watchdog
/// (<see cref="KillAfter"/>), on a wait that runs out, or on disposal. Time comes from the injected TimeProvider.
/// </summary>
public sealed class MediaProcess : IAsyncDisposable, IDisposable
{
    /// <summary>How long a killed process may take to be reaped before it is left behind (it ignored SIGKILL).</summary>
    private static readonly TimeSpan ReapWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly MediaCommand _command;
    private readonly TimeProvider _time;
    private readonly StderrTail _stderr;
    private readonly ITimer _watchdog;
    private CancellationTokenRegistration _killOnCancel;
    private Task _stdin = Task.CompletedTask;
    private int _killed;
    private int _timedOut;
    private int _disposed;

    private MediaProcess(Process process, MediaCommand command, TimeProvider time)
    {
        _process = process;
        _command = command;
        _time = time;
        _stderr = new StderrTail(command.StderrLines);
        _watchdog = time.CreateTimer(static p => ((MediaProcess)p!).TimeOut(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The child's process id (its CPU time in /proc, its command line in tests).</summary>
    public int Id => _process.Id;

    /// <summary>The child's stdout, read by the caller: frames, JSON. Ends when the child exits or is killed.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>True once this side killed the tree: cancelled, timed out, or stopped early.</summary>
    public bool Killed => Volatile.Read(ref _killed) == 1;

    /// <summary>True once the watchdog or a wait's limit ran out and killed the tree.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;

    /// <summary>
    /// Starts the child. Cancelling <paramref name="cancellationToken"/> kills its tree at any time later.
    /// </summary>
    /// <exception cref="MediaStartException">The executable cannot be started.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the start.</exception>
    public static MediaProcess Start(MediaCommand command, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(command.Executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in command.Arguments)
            info.ArgumentList.Add(argument);

        var process = new Process { StartInfo = info };
        var media = new MediaProcess(process, command, timeProvider ?? TimeProvider.System);
        process.ErrorDataReceived += (_, e) => media.OnStderr(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            media._watchdog.Dispose();
            process.Dispose();
            throw new MediaStartException($"Cannot start {command.Executable}: {ex.Message}", ex);
        }

        if (command.LowPriority)
            media.TryLowerPriority();
        process.BeginErrorReadLine();
        media._stdin = media.WriteStandardInputAsync(command.StandardInput);
        media._killOnCancel = cancellationToken.UnsafeRegister(static p => ((MediaProcess)p!).Kill(), media);
        return media;
    }

    /// <summary>
    /// Runs the child to its end: stdin written, stdout collected, killed with its tree when <paramref name="timeout"/>
    /// runs out (<see cref="MediaResult.TimedOut"/>). Throws only when the executable cannot be started
    /// (<see cref="MediaStartException"/>) or when cancelled (the tree is gone by then).
    /// </summary>
    public static async Task<MediaResult> RunAsync(
        MediaCommand command, TimeSpan timeout, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var process = Start(command, timeProvider, cancellationToken);
        process.KillAfter(timeout);
        var stdout = ReadAllAsync(process.StandardOutput);
        var exitCode = await process.WaitForExitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
        var output = await stdout;
        return new MediaResult(command.Name, exitCode, process.TimedOut, timeout, output, process.StderrTail());
    }

    /// <summary>
    /// Arms the watchdog: unless called again first, the tree is killed after <paramref name="due"/> on the injected
    /// clock and <see cref="TimedOut"/> is set. Call it after each frame to kill a child that stops making progress;
    /// <see cref="Timeout.InfiniteTimeSpan"/> disarms it.
    /// </summary>
    public void KillAfter(TimeSpan due)
    {
        if (Volatile.Read(ref _disposed) == 1)
            return;
        try
        {
            _watchdog.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed on another thread: nothing left to watch.
        }
    }

    /// <summary>The last non-blank lines written to stderr, oldest first, with URL passwords removed.</summary>
    public IReadOnlyList<string> StderrTail() => _stderr.Snapshot();

    /// <summary>
    /// Waits for the child to exit by itself and for its stderr to be fully read; returns the exit code, or null when
    /// the tree was killed (by <see cref="Kill"/>, the watchdog, or <paramref name="limit"/> running out, which also
    /// sets <see cref="TimedOut"/>). When <paramref name="cancellationToken"/> is cancelled the tree is killed and
    /// reaped before the cancellation is thrown.
    /// </summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            if (timeout.IsCancellationRequested)
                Interlocked.Exchange(ref _timedOut, 1);
            Kill();
            await ReapAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }

        await _stdin;
        return Killed ? null : _process.ExitCode;
    }

    /// <summary>Kills the child and all its descendants now; safe to call at any time, from any thread, repeatedly.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited, or disposed.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the signal.
        }
    }

    /// <summary>
    /// Kills the tree if it is still running (a reader that stopped early) and waits, bounded, until it is reaped.
    /// Returns false when the child outlived the wait (it ignored SIGKILL; nothing more can be done).
    /// </summary>
    public async Task<bool> StopAsync()
    {
        if (!HasExited())
            Kill();
        return await ReapAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _disposed) == 1)
            return;
        await StopAsync();
        Dispose();
    }

    /// <summary>Kills the tree if still running and reaps it (bounded; never hangs disposal on it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _killOnCancel.Dispose();
        _watchdog.Dispose();
        if (!HasExited())
        {
            Kill();
            _process.WaitForExit(ReapWait);
        }

        _process.Dispose();
    }

    private async Task<bool> ReapAsync()
    {
        using var limit = new CancellationTokenSource(ReapWait, _time);
        try
        {
            // Also waits for stderr to close, so the tail is complete.
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Disposed on another thread.
            return true;
        }
    }

    private void TimeOut()
    {
        Interlocked.Exchange(ref _timedOut, 1);
        Kill();
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

    private void TryLowerPriority()
    {
        try
        {
            _process.PriorityClass = ProcessPriorityClass.Idle;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // It already exited, or the system refused: it runs at normal priority.
        }
    }

    private async Task WriteStandardInputAsync(ReadOnlyMemory<byte>? input)
    {
        var stdin = _process.StandardInput.BaseStream;
        try
        {
            if (input is { } bytes)
                await stdin.WriteAsync(bytes);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The child exited without reading it all (its exit code and stderr say why), or was killed and disposed.
        }
        finally
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Broken pipe on the final flush, or already disposed: as above.
            }
        }
    }

    private void OnStderr(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        _command.OnStderrLine?.Invoke(line);
        _stderr.Add(line);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream stdout)
    {
        using var buffer = new MemoryStream();
        try
        {
            await stdout.CopyToAsync(buffer);
        }
        catch (IOException)
        {
            // Killed mid-read: what came is kept.
        }
        catch (ObjectDisposedException)
        {
        }

        return buffer.ToArray();
    }
}
