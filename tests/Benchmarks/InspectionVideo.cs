using System.Globalization;

namespace Hall.Benchmarks;

/// <summary>
/// The 云踏勘 benchmark's video: 5 minutes of 720p as a phone films a shop (1280×720, 30 fps, H.264 High, about
/// 6 Mbit/s, AAC sound), one continuous take walking past eight photographs of Debian's python3-skimage (the
/// astronaut's head and shoulders first: the applicant at the shopfront), with sensor noise, and the watermark app's clock (one second per
/// second) and address burned in at the bottom left with the Noto CJK font. Nothing in it repeats, freezes, darkens or
/// cuts, so every check runs to its end and the verdict is a pass. Made once with ffmpeg and kept in the temp folder.
/// </summary>
internal static class InspectionVideo
{
    public const int Width = 1280;
    public const int Height = 720;
    public const int Fps = 30;
    public const string Address = "广东省韶关市乐昌市坪石镇人民路18号";

    /// <summary>The watermark clock at the first frame: 2026-11-23 10:15:00 in the hall's time (UTC+8, written as UTC).</summary>
    public const long ClockStart = 1795428900;

    private const string Font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    private const string PhotoDirectory = "/usr/lib/python3/dist-packages/skimage/data";
    private static readonly string[] Photos = ["astronaut.png", "coffee.png", "chelsea.png", "motorcycle_left.png", "rocket.jpg", "hubble_deep_field.jpg", "brick.png", "gravel.png"];

    public static string Description(int seconds) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Width}×{Height}, {Fps} fps, {seconds} s, H.264 High (libx264 veryfast, 6 Mbit/s, GOP 60) + AAC; one pan past eight photographs with sensor noise; watermark clock and address in Noto Sans CJK");

    /// <summary>What the video needs that a machine may lack, or null when all is there.</summary>
    public static string? Missing()
    {
        if (!File.Exists(Font))
            return $"{Font} (apt-get install fonts-noto-cjk)";
        var missing = Photos.Where(p => !File.Exists(Path.Combine(PhotoDirectory, p))).ToList();
        return missing.Count > 0 ? $"{string.Join(", ", missing)} in {PhotoDirectory} (apt-get install python3-skimage)" : null;
    }

    /// <summary>The video's path, made now if missing (a few minutes for 5 minutes of video on two cores).</summary>
    public static async Task<string> EnsureAsync(int seconds, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hall-bench-clips");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"inspection-{Width}x{Height}-{Fps}fps-6M-{seconds}s-v2.mp4"));
        if (File.Exists(path))
            return path;

        // The photos side by side at the frame's height: the scene the camera walks past.
        var canvas = Path.Combine(directory, "inspection-canvas-v2.png");
        var canvasArguments = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" };
        foreach (var photo in Photos)
            canvasArguments.AddRange(["-i", Path.Combine(PhotoDirectory, photo)]);
        // The astronaut's head and shoulders fill the first frame, as a phone held at arm's length frames the applicant.
        var scaled = $"[0:v]scale={Width}:-2,crop={Width}:{Height}:0:0,setsar=1,format=rgb24[p0];"
            + string.Concat(Photos.Skip(1).Select((_, i) => $"[{i + 1}:v]scale=-2:{Height},setsar=1,format=rgb24[p{i + 1}];"));
        var stacked = string.Concat(Photos.Select((_, i) => $"[p{i}]")) + $"hstack=inputs={Photos.Length}";
        canvasArguments.AddRange(["-filter_complex", scaled + stacked, "-frames:v", "1", canvas]);
        await Tool.RunAsync("ffmpeg", canvasArguments, "make the inspection video's scene", cancellationToken);
        var canvasWidth = await WidthOfAsync(canvas, cancellationToken);

        var speed = (canvasWidth - Width) / (double)seconds;
        var clock = $"drawtext=fontfile={Font}:fontsize=34:fontcolor=white:borderw=2:bordercolor=black:x=28:y=h-110:"
            + $"text='%{{pts\\:gmtime\\:{ClockStart}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}}'";
        var place = $"drawtext=fontfile={Font}:fontsize=34:fontcolor=white:borderw=2:bordercolor=black:x=28:y=h-60:text='{Address}'";
        var partial = path + ".partial.mp4";
        await Tool.RunAsync(
            "ffmpeg",
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
             "-loop", "1", "-framerate", Fps.ToString(CultureInfo.InvariantCulture), "-i", canvas,
             "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
             "-filter_complex", string.Create(CultureInfo.InvariantCulture, $"[0:v]crop={Width}:{Height}:x='t*{speed:F3}':y=0,noise=alls=5:allf=t,{clock},{place},format=yuv420p[v]"),
             "-map", "[v]", "-map", "1:a", "-t", seconds.ToString(CultureInfo.InvariantCulture),
             "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-g", "60",
             "-b:v", "6M", "-maxrate", "8M", "-bufsize", "12M",
             "-c:a", "aac", "-b:a", "64k", "-f", "mp4", partial],
            "make the inspection video",
            cancellationToken);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static async Task<int> WidthOfAsync(string picture, CancellationToken cancellationToken)
    {
        var output = await Tool.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=width", "-of", "csv=p=0", picture], "read the scene's width", cancellationToken);
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
