namespace Hall.Media;

/// <summary>One child process to run: ffmpeg, ffprobe or espeak-ng, with its arguments and what goes to its stdin.</summary>
/// <param name="Executable">A name on PATH or a full path.</param>
/// <param name="Arguments">One element per argument, passed without a shell, so nothing needs quoting.</param>
public sealed record MediaCommand(string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Written to the child's stdin, which is then closed; with none, stdin is closed at once, so the child never
    /// shares the box's stdin. Also the way to hand a child a secret: stdin is not in /proc/&lt;pid&gt;/cmdline.
    /// </summary>
    public ReadOnlyMemory<byte>? StandardInput { get; init; }

    /// <summary>How many of the last stderr lines are kept for the error message.</summary>
    public int StderrLines { get; init; } = 12;

    /// <summary>Called with every non-blank stderr line, on the process's reader thread (ffmpeg's filter log).</summary>
    public Action<string>? OnStderrLine { get; init; }

    /// <summary>Runs at idle priority: background work (speech) never takes the CPU from calls and tickets.</summary>
    public bool LowPriority { get; init; }

    /// <summary>The executable's file name, for messages.</summary>
    public string Name => Path.GetFileName(Executable);
}
