namespace Hall.Display;

/// <summary>How one synthesiser run ended: its exit code and error output, or why it could not start or finish.</summary>
public sealed record SpeechRunResult(int ExitCode, string StandardError, string? Failure = null)
{
    public bool Succeeded => Failure is null && ExitCode == 0;
}
