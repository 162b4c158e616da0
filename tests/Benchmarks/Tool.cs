using System.Diagnostics;

namespace Hall.Benchmarks;

/// <summary>Runs a tool (ffmpeg, ffprobe) to its end: its output, or an error that says what it printed on stderr.</summary>
internal static class Tool
{
    /// <param name="purpose">What the run was for, in the error: "make the test clip".</param>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, string purpose, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        using var kill = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} could not {purpose} (exit {process.ExitCode}): {(await errors).Trim()}");
        return output;
    }
}
