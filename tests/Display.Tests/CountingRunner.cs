namespace Hall.Display.Tests;

/// <summary>Counts synthesiser runs while still running the real espeak-ng.</summary>
public sealed class CountingRunner : ISpeechRunner
{
    private readonly EspeakRunner _inner = new();
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public Task<SpeechRunResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return _inner.RunAsync(executable, arguments, timeout, cancellationToken);
    }
}
