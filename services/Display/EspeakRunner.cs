using System.Globalization;
using Hall.Media;

namespace Hall.Display;

/// <summary>Runs espeak-ng through the box's one media runner, at idle priority, killing its tree when it overruns.</summary>
public sealed class EspeakRunner(TimeProvider? timeProvider = null) : ISpeechRunner
{
    public async Task<SpeechRunResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        // Speech is background work: it must never take the CPU from calls and tickets.
        var command = new MediaCommand(executable, arguments) { LowPriority = true };
        MediaResult run;
        try
        {
            run = await MediaProcess.RunAsync(command, timeout, timeProvider, cancellationToken);
        }
        catch (MediaStartException ex)
        {
            return new SpeechRunResult(-1, string.Empty, $"espeak-ng could not be started from '{executable}' ({ex.InnerException?.Message ?? ex.Message}). Install the Debian package espeak-ng or set Display:EspeakPath.");
        }

        var stderr = string.Join('\n', run.StderrTail).Trim();
        if (run.TimedOut)
            return new SpeechRunResult(-1, string.Empty, string.Create(CultureInfo.InvariantCulture, $"espeak-ng did not finish within {timeout.TotalSeconds:0} s and was stopped.")) { TimedOut = true };
        return new SpeechRunResult(run.ExitCode ?? -1, stderr);
    }
}
