using System.Globalization;
using Hall.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// Takes the frame at a given time (the uploader marks each inspection point's time): one ffmpeg run,
/// <c>-ss t -i file -frames:v 1</c>, decoding from the key frame before t. The frame is split into a JPEG (to a
/// temporary file in the work directory, read back and deleted), an RGB copy at the sample width on stdout for
/// the measures, and when asked an RGB copy for the face model (a temporary file too).
/// </summary>
public sealed class KeyFrameExtractor
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    private readonly AnalysisOptions _options;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public KeyFrameExtractor(AnalysisOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The frame at <paramref name="at"/>, or null when the video has no frame there (past its end) or cannot be
    /// decoded there. Throws only on cancellation or when ffmpeg cannot be started.
    /// </summary>
    /// <param name="faceSide">When set, <see cref="KeyFrame.ForFaces"/> holds the frame with its shorter side this
    /// long: a face is looked for at the point's own time, at the detector's full resolution.</param>
    public async Task<KeyFrame?> ExtractAsync(
        string path, VideoInfo video, TimeSpan at, string workDirectory, CancellationToken cancellationToken, int? faceSide = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(at, TimeSpan.Zero);
        Directory.CreateDirectory(workDirectory);

        var o = _options;
        var (mw, mh) = PassArguments.SampleSize(o.SampleWidth, video.Width, video.Height);
        var (jw, jh) = PassArguments.SampleSize(o.KeyFrameWidth, video.Width, video.Height);
        var name = Guid.NewGuid().ToString("N")[..12];
        var jpegPath = Path.GetFullPath(Path.Combine(workDirectory, $"key-{name}.jpg"));
        var facePath = Path.GetFullPath(Path.Combine(workDirectory, $"face-{name}.rgb"));
        var (fw, fh) = faceSide is { } side ? ShortSide(side, video.Width, video.Height) : (0, 0);
        var graph = string.Create(CultureInfo.InvariantCulture,
            $"[0:v:0]split={(faceSide is null ? 2 : 3)}[m][j]{(faceSide is null ? "" : "[f]")};[m]scale={mw}:{mh}:flags=area,format=rgb24[measure];[j]scale={jw}:{jh}:flags=bicubic,format=yuvj420p[jpeg]");
        if (faceSide is not null)
            graph += string.Create(CultureInfo.InvariantCulture, $";[f]scale={fw}:{fh}:flags=area,format=rgb24[faces]");
        var arguments = new List<string>
        {
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
            "-ss", at.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "-i", "file:" + Path.GetFullPath(path),
            "-filter_complex", graph,
            "-map", "[measure]", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
            "-map", "[jpeg]", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", o.KeyFrameQuality.ToString(CultureInfo.InvariantCulture),
            "-f", "mjpeg", "-y", "file:" + jpegPath,
        };
        if (faceSide is not null)
            arguments.AddRange(["-map", "[faces]", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", "file:" + facePath]);

        try
        {
            var frameBytes = mw * mh * 3;
            var rgb = new byte[frameBytes];
            int read;
            int? exitCode;
            IReadOnlyList<string> stderr;
            await using (var tool = MediaProcess.Start(new MediaCommand(o.FfmpegPath, arguments), cancellationToken: cancellationToken))
            {
                // Killing the tree (the limit, or the caller's token) ends the read.
                tool.KillAfter(RunLimit);
                try
                {
                    read = await tool.StandardOutput.ReadAtLeastAsync(rgb, frameBytes, throwOnEndOfStream: false, cancellationToken);
                }
                catch (IOException)
                {
                    read = 0;
                }

                exitCode = await tool.WaitForExitAsync(RunLimit, cancellationToken);
                stderr = tool.StderrTail();
            }

            if (read < frameBytes || exitCode != 0 || !File.Exists(jpegPath))
            {
                if (exitCode != 0)
                    _logger.KeyFrameFailed(at, path, exitCode, stderr.Count > 0 ? stderr[^1] : string.Empty);
                return null;
            }

            var jpeg = await File.ReadAllBytesAsync(jpegPath, cancellationToken);
            if (jpeg.Length == 0)
                return null;
            var frame = Assess(at, jpeg, jw, jh, FrameMeasures.Measure(rgb, mw, mh, o.DarkPixelThreshold));
            if (faceSide is null || !File.Exists(facePath))
                return frame;
            var faces = await File.ReadAllBytesAsync(facePath, cancellationToken);
            return faces.Length == fw * fh * 3 ? frame with { ForFaces = new FacePicture(faces, fw, fh) } : frame;
        }
        finally
        {
            WatermarkStrips.TryDelete(jpegPath);
            WatermarkStrips.TryDelete(facePath);
        }
    }

    /// <summary>The frame's size with its shorter side <paramref name="side"/> long, the other even.</summary>
    internal static (int Width, int Height) ShortSide(int side, int width, int height)
    {
        static int Even(double v) => Math.Max(2, 2 * (int)Math.Round(v / 2, MidpointRounding.AwayFromZero));
        return width >= height ? (Even(side * (double)width / height), side) : (side, Even(side * (double)height / width));
    }

    private KeyFrame Assess(TimeSpan at, byte[] jpeg, int width, int height, FrameQuality q)
    {
        var dark = q.DarkShare >= _options.DarkPictureShare;
        var bright = q.BrightShare >= _options.BrightPictureShare;
        // A flat frame (lens covered, a blank wall) shows nothing of the point either; it is reported as blurred.
        var blurred = !dark && !bright && q.Sharpness < _options.BlurThreshold;
        var problems = new List<string>();
        if (dark)
            problems.Add("画面过暗");
        if (bright)
            problems.Add("画面过亮(过曝)");
        if (blurred)
            problems.Add("画面模糊");
        return new KeyFrame(at, jpeg, width, height, q, dark, bright, blurred, problems);
    }
}
