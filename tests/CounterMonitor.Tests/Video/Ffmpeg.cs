using System.Diagnostics;

namespace Hall.CounterMonitor.Tests.Video;

/// <summary>Runs the real ffmpeg for the tests: to make inputs, and as a camera serving a live stream.</summary>
internal static class Ffmpeg
{
    public static async Task RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(arguments);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {await stderr}");
    }

    /// <summary>
    /// A camera: a real-time H.264 MPEG-TS stream served on 127.0.0.1:port to one TCP client.
    /// Kill it (whole tree) to pull the camera's cable.
    /// </summary>
    /// <param name="keyFrameEvery">Frames between key frames (25 a second): 10 by default; 200 is a smart-codec camera's 8 s.</param>
    public static Process StartTcpCamera(int port, int keyFrameEvery = 10)
    {
        var process = Start(
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
             "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", keyFrameEvery.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-keyint_min", keyFrameEvery.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sc_threshold", "0",
             "-f", "mpegts", $"tcp://127.0.0.1:{port}?listen=1"]);
        process.BeginErrorReadLine();
        return process;
    }

    private static Process Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("ffmpeg")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
    }
}
