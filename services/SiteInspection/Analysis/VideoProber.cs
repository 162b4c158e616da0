using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hall.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The <c>probe</c> check: ffprobe -show_format -show_streams -of json. Whatever the file is (missing, empty, cut in
/// half, a renamed text file, a picture, audio only), the answer is a <see cref="ProbeResult"/> with a Chinese reason;
/// the only exceptions are cancellation and a box that cannot run ffprobe at all (<see cref="InvalidOperationException"/>,
/// not the applicant's fault).
/// </summary>
public sealed partial class VideoProber
{
    private static readonly string[] IsoBoxTypes = ["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot"];

    private readonly AnalysisOptions _options;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public VideoProber(AnalysisOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    public async Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
            return Failed("找不到视频文件,上传可能没有完成");
        if (file.Length == 0)
            return Failed("视频文件是空的(0 字节),上传可能没有完成");

        var run = await MediaProcess.RunAsync(new MediaCommand(_options.FfprobePath, Arguments(file.FullName)), _options.ProbeTimeout, cancellationToken: cancellationToken);
        var exitCode = run.ExitCode;
        var stderr = run.StderrTail;
        if (exitCode is null)
        {
            _logger.ProbeTimedOut(file.FullName, _options.ProbeTimeout);
            return Failed("读取视频信息超时,文件可能已损坏");
        }

        if (exitCode != 0)
        {
            var line = LastMessage(stderr, file.FullName);
            _logger.ProbeFailed(file.FullName, exitCode.Value, line);
            return Failed(ReasonForError(line, LooksLikeIsoMedia(file.FullName)));
        }

        try
        {
            return Describe(Encoding.UTF8.GetString(run.StandardOutput.Span), file.Length);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            _logger.ProbeUnreadable(file.FullName, ex.Message);
            return Failed("无法读取视频信息,文件可能已损坏");
        }
    }

    /// <summary>The probe of ffprobe's JSON; internal for tests of odd containers.</summary>
    internal ProbeResult Describe(string json, long fileSize)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        var root = doc.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var formatName = Text(format, "format_name") ?? string.Empty;
        var streams = root.TryGetProperty("streams", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().ToList()
            : [];
        var hasAudio = streams.Any(x => Text(x, "codec_type") == "audio");
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsAttachedPicture(x));
        if (video.ValueKind != JsonValueKind.Object)
            return Failed(hasAudio ? "文件中只有声音,没有视频画面" : "文件中没有视频画面,不是视频文件");

        var codec = Text(video, "codec_name") ?? "unknown";
        if (IsPicture(formatName))
            return Failed("这是一张图片,不是视频");

        // The video stream's own length (what can be decoded); the container's when the stream has none (MKV, WebM).
        var seconds = Number(video, "duration") ?? Number(format, "duration");
        if (seconds is not > 0 || !double.IsFinite(seconds.Value))
            return Failed("无法确定视频时长,文件可能不完整");

        var width = (int)(Number(video, "width") ?? 0);
        var height = (int)(Number(video, "height") ?? 0);
        if (width <= 0 || height <= 0)
            return Failed("无法读取画面尺寸,文件可能已损坏");

        var rotation = Rotation(video);
        if (rotation is 90 or 270)
            (width, height) = (height, width);

        var info = new VideoInfo(
            formatName,
            codec,
            TimeSpan.FromSeconds(seconds.Value),
            width,
            height,
            rotation,
            Rate(Text(video, "avg_frame_rate")) ?? Rate(Text(video, "r_frame_rate")) ?? 0,
            hasAudio,
            fileSize);

        if (info.ShortSide < _options.MinimumShortSide)
        {
            return new ProbeResult(info, new CheckResult(
                CheckNames.Probe,
                false,
                null,
                null,
                $"视频分辨率过低({width}×{height}),短边至少需要 {_options.MinimumShortSide} 像素"));
        }

        return new ProbeResult(info, new CheckResult(CheckNames.Probe, true, null, null, Summary(info)));
    }

    /// <summary>Maps ffprobe's last message to a reason the applicant can act on.</summary>
    internal static string ReasonForError(string message, bool looksLikeIsoMedia)
    {
        if (message.Contains("moov atom not found", StringComparison.OrdinalIgnoreCase))
        {
            return looksLikeIsoMedia
                ? "文件不完整或已损坏,无法读取视频(moov atom not found),请重新上传完整的视频"
                : "文件不是视频或格式无法识别(moov atom not found)";
        }

        if (message.Contains("Invalid data found", StringComparison.OrdinalIgnoreCase))
            return "文件不是视频或已损坏,无法识别格式(Invalid data found when processing input)";
        if (message.Contains("No such file", StringComparison.OrdinalIgnoreCase))
            return "找不到视频文件,上传可能没有完成";
        if (message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
            return "无法读取视频文件(没有读取权限)";
        return message.Length == 0 ? "无法读取视频,文件可能已损坏" : $"无法读取视频,文件可能已损坏({message})";
    }

    private static ProbeResult Failed(string reason) => new(null, new CheckResult(CheckNames.Probe, false, null, null, reason));

    private static List<string> Arguments(string fullPath) =>
        ["-hide_banner", "-v", "error", "-show_format", "-show_streams", "-of", "json", "file:" + fullPath];

    /// <summary>The last stderr line, without ffmpeg's "[demuxer @ 0x…]" prefix and without the box's file path.</summary>
    private static string LastMessage(IReadOnlyList<string> stderr, string fullPath)
    {
        // ffprobe ends with "<path>: <error>"; the line before it, from the demuxer, is the more specific one.
        var specific = stderr.Select(l => ContextPrefix().Replace(l.Trim(), string.Empty))
            .Select(l => l.Replace("file:" + fullPath + ": ", string.Empty, StringComparison.Ordinal))
            .Select(l => l.Replace(fullPath + ": ", string.Empty, StringComparison.Ordinal))
            .Where(l => l.Length > 0)
            .ToList();
        var moov = specific.FirstOrDefault(l => l.Contains("moov atom not found", StringComparison.OrdinalIgnoreCase));
        return moov ?? specific.LastOrDefault() ?? string.Empty;
    }

    /// <summary>Whether the file starts like an MP4/MOV (a box type at offset 4): then a missing moov means "cut short".</summary>
    private static bool LooksLikeIsoMedia(string fullPath)
    {
        try
        {
            Span<byte> head = stackalloc byte[8];
            using var stream = File.OpenRead(fullPath);
            if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
                return false;
            var type = Encoding.ASCII.GetString(head[4..]);
            return IsoBoxTypes.Contains(type, StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.ValueKind == JsonValueKind.Object
        && d.TryGetProperty("attached_pic", out var a) && a.ValueKind == JsonValueKind.Number && a.GetInt32() == 1;

    private static bool IsPicture(string formatName) =>
        formatName is "image2" or "gif" or "webp" || formatName.EndsWith("_pipe", StringComparison.Ordinal);

    private static int Rotation(JsonElement video)
    {
        double? degrees = null;
        if (video.TryGetProperty("side_data_list", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                degrees ??= Number(item, "rotation");
            }
        }

        if (degrees is null && video.TryGetProperty("tags", out var tags))
            degrees = Number(tags, "rotate");
        var d = (int)Math.Round(degrees ?? 0);
        // Quarter turns only; phones record 0, 90, 180 or 270 (ffprobe reports ±).
        return ((((int)Math.Round(d / 90.0) * 90) % 360) + 360) % 360;
    }

    private static string Summary(VideoInfo v)
    {
        var container = v.Container.Split(',')[0];
        var fps = v.FrameRate > 0 ? string.Create(CultureInfo.InvariantCulture, $" {v.FrameRate:0.##} fps") : string.Empty;
        var audio = v.HasAudio ? string.Empty : ",无声音";
        return $"视频可读:{container} {v.VideoCodec} {v.Width}×{v.Height}{fps},时长 {Wording.Time(v.Duration)}{audio}";
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : null;

    /// <summary>ffprobe writes some numbers as JSON numbers (width) and some as strings (duration, rotate).</summary>
    private static double? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var p))
            return null;
        if (p.ValueKind == JsonValueKind.Number)
            return p.GetDouble();
        return p.ValueKind == JsonValueKind.String
            && double.TryParse(p.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
    }

    private static double? Rate(string? fraction)
    {
        if (string.IsNullOrEmpty(fraction))
            return null;
        var parts = fraction.Split('/');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d > 0 && n > 0)
        {
            return n / d;
        }

        return null;
    }

    [GeneratedRegex(@"^\[[^\]]+ @ 0x[0-9a-fA-F]+\]\s*")]
    private static partial Regex ContextPrefix();
}
