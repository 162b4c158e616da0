namespace Hall.Display;

/// <summary>How one synthesiser run ended: its exit code and error output, or why it could not start or finish.</summary>
public sealed record SpeechRunResult(int ExitCode, string StandardError, string? Failure = null)
{
    public bool Succeeded => Failure is null && ExitCode == 0;

    /// <summary>The run was stopped for overrunning: a busy machine, not a broken synthesiser, unless it keeps happening.</summary>
    public bool TimedOut { get; init; }
}
