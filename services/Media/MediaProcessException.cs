namespace Hall.Media;

/// <summary>A child that failed: it exited with an error or was killed. The message ends with its last stderr lines.</summary>
public sealed class MediaProcessException : Exception
{
    public MediaProcessException()
    {
    }

    public MediaProcessException(string message)
        : base(message)
    {
    }

    public MediaProcessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaProcessException(string message, int? exitCode, IReadOnlyList<string> stderrTail)
        : base(message)
    {
        ExitCode = exitCode;
        StderrTail = stderrTail;
    }

    /// <summary>The exit code; null when the child was killed.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines the child wrote to stderr, oldest first.</summary>
    public IReadOnlyList<string> StderrTail { get; } = [];
}
