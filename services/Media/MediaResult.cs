using System.Globalization;

namespace Hall.Media;

/// <summary>How a run to completion ended (<see cref="MediaProcess.RunAsync"/>).</summary>
/// <param name="Name">The executable's name, for messages.</param>
/// <param name="ExitCode">Null when the child was killed (the time limit).</param>
/// <param name="TimedOut">The time limit ran out and the tree was killed.</param>
/// <param name="Timeout">The time limit the run had.</param>
/// <param name="StandardOutput">Everything the child wrote to stdout.</param>
/// <param name="StderrTail">The last lines it wrote to stderr, oldest first.</param>
public sealed record MediaResult(
    string Name,
    int? ExitCode,
    bool TimedOut,
    TimeSpan Timeout,
    ReadOnlyMemory<byte> StandardOutput,
    IReadOnlyList<string> StderrTail)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>What went wrong, ending with the last stderr lines; null when the run succeeded.</summary>
    public string? Error => Succeeded ? null : Describe(Name, ExitCode, TimedOut ? Timeout : null, StderrTail);

    /// <summary>Throws <see cref="MediaProcessException"/> unless the child exited with 0.</summary>
    public MediaResult ThrowIfFailed() =>
        Succeeded ? this : throw new MediaProcessException(Error!, ExitCode, StderrTail);

    /// <summary>"ffmpeg exited with code 1: …" or "ffmpeg did not finish within 30 s and was killed: …".</summary>
    public static string Describe(string name, int? exitCode, TimeSpan? timedOutAfter, IReadOnlyList<string> stderrTail)
    {
        ArgumentNullException.ThrowIfNull(stderrTail);
        var what = timedOutAfter is { } limit
            ? string.Create(CultureInfo.InvariantCulture, $"{name} did not finish within {limit.TotalSeconds:0.###} s and was killed")
            : exitCode is { } code
                ? string.Create(CultureInfo.InvariantCulture, $"{name} exited with code {code}")
                : $"{name} was killed";
        return stderrTail.Count == 0 ? what + " (no error text)" : what + ": " + string.Join(Environment.NewLine, stderrTail);
    }
}
