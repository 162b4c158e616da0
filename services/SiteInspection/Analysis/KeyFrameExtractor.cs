using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// Takes the frame at a given time (the uploader marks each inspection point's time): one ffmpeg run,
/// <c>-ss t -i file -frames:v 1</c>, decoding from the key frame before t. The frame is split into a JPEG (to a
/// temporary file in the work directory, read back and deleted) and an RGB copy at the sample width on stdout for
/// the measures.
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
    public async Task<KeyFrame?> ExtractAsync(
        string path, VideoInfo video, TimeSpan at, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(at, TimeSpan.Zero);
        Directory.CreateDirectory(workDirectory);

        var o = _options;
        var (mw, mh) = PassArguments.SampleSize(o.SampleWidth, video.Width, video.Height);
        var (jw, jh) = PassArguments.SampleSize(o.KeyFrameWidth, video.Width, video.Height);
        var jpegPath = Path.GetFullPath(Path.Combine(workDirectory, $"key-{Guid.NewGuid().ToString("N")[..12]}.jpg"));
        var arguments = new List<string>
        {
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
            "-ss", at.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "-i", "file:" + Path.GetFullPath(path),
            "-filter_complex",
            string.Create(CultureInfo.InvariantCulture,
                $"[0:v:0]split=2[m][j];[m]scale={mw}:{mh}:flags=area,format=rgb24[measure];[j]scale={jw}:{jh}:flags=bicubic,format=yuvj420p[jpeg]"),
            "-map", "[measure]", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
            "-map", "[jpeg]", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", o.KeyFrameQuality.ToString(CultureInfo.InvariantCulture),
            "-f", "mjpeg", "-y", "file:" + jpegPath,
        };

        try
        {
            var frameBytes = mw * mh * 3;
            var rgb = new byte[frameBytes];
            int read;
            int? exitCode;
            IReadOnlyList<string> stderr;
            using (var tool = ToolProcess.Start(o.FfmpegPath, arguments))
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(RunLimit);
                using var kill = limit.Token.Register(static t => ((ToolProcess)t!).Kill(), tool);
                try
                {
                    read = await tool.StandardOutput.ReadAtLeastAsync(rgb, frameBytes, throwOnEndOfStream: false, limit.Token);
                }
                catch (IOException)
                {
                    read = 0;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
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
            return Assess(at, jpeg, jw, jh, FrameMeasures.Measure(rgb, mw, mh, o.DarkPixelThreshold));
        }
        finally
        {
            WatermarkStrips.TryDelete(jpegPath);
        }
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
