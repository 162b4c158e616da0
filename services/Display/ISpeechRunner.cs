namespace Hall.Display;

/// <summary>Runs the speech synthesiser once. The seam lets tests count runs while still running the real espeak-ng.</summary>
public interface ISpeechRunner
{
    Task<SpeechRunResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken);
}
