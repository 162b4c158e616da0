using System.ComponentModel;
using System.Diagnostics;

namespace Hall.Display;

/// <summary>Starts espeak-ng as a child process and waits for it, killing it when it overruns.</summary>
public sealed class EspeakRunner : ISpeechRunner
{
    public async Task<SpeechRunResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
            try
            {
                // Speech is background work: it must never take the CPU from calls and tickets.
                process.PriorityClass = ProcessPriorityClass.Idle;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
            {
                // It already exited, or the system refused: the clip is rendered at normal priority.
            }
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or FileNotFoundException)
        {
            return new SpeechRunResult(-1, string.Empty, $"espeak-ng could not be started from '{executable}' ({ex.Message}). Install the Debian package espeak-ng or set Display:EspeakPath.");
        }

        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended between the timeout and the kill.
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new SpeechRunResult(-1, string.Empty, $"espeak-ng did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }

        await stdout;
        return new SpeechRunResult(process.ExitCode, (await stderr).Trim());
    }
}
