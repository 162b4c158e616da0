using System.Diagnostics;
using System.Globalization;
using Hall.CounterMonitor.Video;

namespace Hall.Benchmarks;

/// <summary>
/// The counter-camera recordings the cameras benchmark plays: like a camera's sub-stream (704×576, 25 fps, H.264
/// Main, GOP 50, about 512 kbit/s, 30 s), showing the astronaut photo's face (a real face, so inference does real
/// work) over a moving testsrc2 pattern (every macroblock coded, so decoding is not flattered by a still scene).
/// Made once with ffmpeg and kept in the temp folder. Each variant moves the face differently and puts its key
/// frames at a different phase, so cameras started together do not all decode their I-frames at the same moment.
/// </summary>
internal static class CameraClips
{
    public const int Width = 704;
    public const int Height = 576;
    public const int Fps = 25;
    public const int Seconds = 30;
    public const int Variants = 4;

    /// <summary>Settings of the clips, in words, for the report.</summary>
    public static string Description { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"{Width}×{Height}, {Fps} fps, H.264 Main (libx264 veryfast), GOP 50, 512 kbit/s, {Seconds} s looped; the astronaut photo's face (576 px tall) moving over testsrc2; {Variants} variants with different key-frame phases");

    /// <summary>The variants' paths, made now if missing.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(string photo, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hall-bench-clips");
        Directory.CreateDirectory(directory);
        var clips = new List<string>();
        for (var k = 0; k < Variants; k++)
        {
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"counter-{Width}x{Height}-{Fps}fps-512k-g50-{Seconds}s-v{k}.mp4"));
            if (!File.Exists(path))
            {
                var partial = path + ".partial.mp4";
                var keyPhase = (0.5 * k).ToString("0.0", CultureInfo.InvariantCulture);
                var motion = (1.3 * k).ToString("0.0", CultureInfo.InvariantCulture);
                await Tool.RunAsync(
                    "ffmpeg",
                    ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                     "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={Width}x{Height}:rate={Fps}:duration={Seconds}"),
                     "-loop", "1", "-framerate", Fps.ToString(CultureInfo.InvariantCulture), "-i", photo,
                     // The photo cropped to her head and shoulders, as a counter camera frames the clerk, drifting sideways.
                     "-filter_complex", $"[1:v]crop=300:300:110:0,scale=576:576[face];[0:v][face]overlay=x='64+48*sin(t*0.5+{motion})':y=0:shortest=1,format=yuv420p",
                     "-t", Seconds.ToString(CultureInfo.InvariantCulture), "-r", Fps.ToString(CultureInfo.InvariantCulture),
                     "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main",
                     "-b:v", "512k", "-maxrate", "512k", "-bufsize", "1024k",
                     "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
                     "-force_key_frames", $"expr:gte(t,n_forced*2+{keyPhase})",
                     "-an", "-f", "mp4", partial],
                    "make the test clip",
                    cancellationToken);
                File.Move(partial, path, overwrite: true);
            }

            clips.Add(path);
        }

        return clips;
    }

    /// <summary>
    /// Every sample of <paramref name="clip"/> exactly as a camera's ffmpeg delivers it to the box (the box's own
    /// arguments: sampled, letterboxed, RGB24), read as fast as ffmpeg goes.
    /// </summary>
    public static async Task<IReadOnlyList<byte[]>> SamplesAsync(string clip, int size, double sampleRate, CancellationToken cancellationToken)
    {
        var options = new CameraFeedOptions
        {
            CameraId = "bench",
            Source = clip,
            Width = size,
            Height = size,
            SampleRate = sampleRate,
            Pace = FramePace.AsFastAsPossible,
        };
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in FfmpegArguments.Build(options))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var frames = new List<byte[]>();
        var stdout = process.StandardOutput.BaseStream;
        while (true)
        {
            var frame = new byte[options.FrameBytes];
            if (await stdout.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false, cancellationToken) < frame.Length)
            {
                break;
            }

            frames.Add(frame);
        }

        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || frames.Count == 0)
        {
            throw new InvalidOperationException($"ffmpeg gave {frames.Count} samples of {clip} (exit {process.ExitCode}): {(await errors).Trim()}");
        }

        return frames;
    }
}
