using System.Diagnostics;

namespace Hall.SiteInspection.Tests.Analysis;

/// <summary>Runs the real ffmpeg to make the test videos.</summary>
internal static class TestFfmpeg
{
    public static async Task RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ffmpeg")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments])
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {await stderr}");
    }

    /// <summary>A still of a lavfi source repeated as video, so that a crop can pan over it like a camera.</summary>
    public static string Still(string source, int rate) => $"{source},trim=end_frame=1,loop=loop=-1:size=1,setpts=N/{rate}/TB";
}
