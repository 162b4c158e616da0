using System.Diagnostics;

namespace Hall.Vision.Tests;

/// <summary>Makes model input frames the way the camera pipeline does: real ffmpeg, raw RGB24 on stdout.</summary>
internal static class FfmpegFrames
{
    /// <summary>The photo letterboxed to size×size, as the counter camera's ffmpeg feeds the detector.</summary>
    public static Task<byte[]> LetterboxedAsync(string imagePath, int size) =>
        RawRgb24Async(
            size,
            "-i", imagePath,
            "-vf", $"scale={size}:{size}:force_original_aspect_ratio=decrease,pad={size}:{size}:(ow-iw)/2:(oh-ih)/2");

    /// <summary>One frame of an ffmpeg lavfi source (e.g. "testsrc2", "color=c=gray") at size×size.</summary>
    public static Task<byte[]> LavfiAsync(string source, int size) =>
        RawRgb24Async(size, "-f", "lavfi", "-i", $"{source}{(source.Contains('=', StringComparison.Ordinal) ? ':' : '=')}size={size}x{size}");

    private static async Task<byte[]> RawRgb24Async(int size, params string[] inputArgs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-v", "error", "-nostdin", .. inputArgs, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        try
        {
            using var frame = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(frame, timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            await copy;
            var stderr = await errors;
            Assert.True(process.ExitCode == 0, $"ffmpeg failed ({process.ExitCode}): {stderr}");
            Assert.Equal(size * size * 3, frame.Length);
            return frame.ToArray();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
