using System.Diagnostics;
using System.Globalization;

namespace Hall.SiteInspection.Tests.Ocr;

/// <summary>
/// Frames as a filming app burns its watermark into a 720p site-inspection video: real ffmpeg drawtext with the Debian
/// Noto Sans CJK font, white text with a dark border, lines at the bottom left, over the astronaut photo scaled to
/// 1280×720. Returned as raw RGB24, optionally after a round trip through H.264 as a phone would record it.
/// </summary>
internal static class WatermarkFrames
{
    public const int Width = 1280;
    public const int Height = 720;
    public const int FontSize = 32;
    public const int Left = 24;

    /// <summary>Debian's fonts-noto-cjk; a filming app on an Android phone draws with the same family.</summary>
    public const string FontFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>Where line <paramref name="index"/> of <paramref name="count"/> is drawn: the top of its text box.</summary>
    public static int TopOf(int index, int count) => Height - 40 - ((count - index) * FontSize * 3 / 2);

    public static Task<byte[]> WithTextAsync(IReadOnlyList<string> lines, bool throughH264 = false)
    {
        if (!File.Exists(FontFile))
        {
            Assert.Fail($"{FontFile} is missing: apt-get install fonts-noto-cjk.");
        }

        var filters = new List<string> { $"scale={Width}:{Height}" };
        for (var i = 0; i < lines.Count; i++)
        {
            filters.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"drawtext=fontfile={FontFile}:text='{Escape(lines[i])}':fontsize={FontSize}:fontcolor=white"
                + $":borderw=2:bordercolor=black@0.6:x={Left}:y={TopOf(i, lines.Count)}"));
        }

        return RenderAsync(string.Join(',', filters), throughH264);
    }

    /// <summary>The same photo with nothing written on it.</summary>
    public static Task<byte[]> WithoutTextAsync() => RenderAsync($"scale={Width}:{Height}", throughH264: false);

    /// <summary>Rows <paramref name="top"/>.. of a frame: the strip a caller would cut for the watermark.</summary>
    public static byte[] Strip(byte[] frame, int top, int height) => frame.AsSpan(top * Width * 3, height * Width * 3).ToArray();

    // drawtext's own escaping inside a quoted filter argument.
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal).Replace("'", "\u2019", StringComparison.Ordinal);

    private static async Task<byte[]> RenderAsync(string filter, bool throughH264)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string[] draw = ["-i", OcrModelDirectory.AstronautPhoto, "-vf", filter, "-frames:v", "1"];
        if (!throughH264)
        {
            return await RunAsync([.. draw, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], null, timeout.Token);
        }

        var h264 = await RunAsync([.. draw, "-c:v", "libx264", "-crf", "28", "-pix_fmt", "yuv420p", "-f", "h264", "-"], null, timeout.Token);
        return await RunAsync(["-f", "h264", "-i", "-", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], h264, timeout.Token);
    }

    private static async Task<byte[]> RunAsync(string[] args, byte[]? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-v", "error", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        try
        {
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            await copy;
            var stderr = await errors;
            Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
            return output.ToArray();
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
