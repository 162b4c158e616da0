using System.Globalization;

namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The ffmpeg command line of the one analysis pass. One decode feeds one filter graph:
/// <code>
///  decoded ─┬─ fps=10 ─ freezedetect ─ scale 320 ─┬─ blackdetect ─ metadata@dark* ─ nullsink            (too dark)
///           │                                     ├─ negate ─ blackdetect ─ metadata@bright* ─ nullsink (over-exposed)
///           │                                     └─ yuv420p ─ stdout: hash track; every 5th frame a sample
///           └─ fps=1 ─ crop bottom strip ─ rgb24 ─ file                                             (watermark OCR)
/// </code>
/// Only freezedetect sees full-size frames, 10 a second; the exposure detectors see the 320-wide copy, which places a
/// stretch to 0.1 s for almost no cost (both at full size on every frame cost 60% on top of decoding). The copy goes
/// to C# as YUV: converting every frame to RGB in ffmpeg was the largest remaining cost, and only samples need RGB.
/// </summary>
internal static class PassArguments
{
    /// <summary>Sampled frame size for a video of this size: the width given, the height to keep the aspect, even.</summary>
    public static (int Width, int Height) SampleSize(int sampleWidth, int videoWidth, int videoHeight)
    {
        var height = 2 * (int)Math.Round(sampleWidth * (double)videoHeight / videoWidth / 2, MidpointRounding.AwayFromZero);
        return (sampleWidth, Math.Max(2, height));
    }

    /// <summary>The strip's height and top row: a share of the frame height, even, so the crop stays on chroma rows.</summary>
    public static (int Height, int Top) Strip(double share, int videoHeight, StripPosition position)
    {
        var height = Math.Clamp(2 * (int)Math.Round(videoHeight * share / 2, MidpointRounding.AwayFromZero), 2, videoHeight & ~1);
        var top = position == StripPosition.Bottom ? (videoHeight - height) & ~1 : 0;
        return (height, top);
    }

    public static List<string> Build(
        AnalysisOptions o, string inputPath, VideoInfo video, IReadOnlyList<(StripPosition Position, string Path)> strips)
    {
        var (sw, sh) = SampleSize(o.SampleWidth, video.Width, video.Height);
        var graph = new List<string>
        {
            "[0:v:0]split=2[e][w]",
            // freezedetect on full-size frames (sensor noise keeps a live still scene above -60 dB; at 320 wide the
            // averaging would hide it), 10 a second. The small copy is BT.601 limited-range YUV, which is what the C#
            // side expects (Yuv420), whatever range and matrix the phone recorded.
            F($"[e]fps=fps={o.AnalysisRate}:start_time=0,freezedetect=n={o.FreezeNoiseDb}dB:d={o.FreezeMinDuration.TotalSeconds},")
                + F($"scale={sw}:{sh}:flags=area:out_color_matrix=bt601:out_range=tv,format=yuv420p,split=3[d][b][s]"),
            F($"[d]blackdetect=d={o.DarkMinDuration.TotalSeconds}:pix_th={o.DarkPixelThreshold}:pic_th={o.DarkPictureShare},")
                + Edges(FilterLog.DarkPrefix) + ",nullsink",
            F($"[b]negate,blackdetect=d={o.BrightMinDuration.TotalSeconds}:pix_th={o.BrightPixelThreshold}:pic_th={o.BrightPictureShare},")
                + Edges(FilterLog.BrightPrefix) + ",nullsink",
            "[s]null[frames]",
        };

        var stripChain = F($"fps=fps={o.StripRate}:start_time=0");
        if (strips.Count == 1)
        {
            graph.Add($"[w]{stripChain},{Crop(o, video, strips[0].Position)},format=rgb24[strip0]");
        }
        else
        {
            graph.Add($"[w]{stripChain},split={strips.Count}" + string.Concat(strips.Select((_, i) => $"[w{i}]")));
            for (var i = 0; i < strips.Count; i++)
                graph.Add($"[w{i}]{Crop(o, video, strips[i].Position)},format=rgb24[strip{i}]");
        }

        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-nostats",
            // level+info: the detectors report at info; "[error]" tags count damaged frames.
            "-loglevel", "level+info",
            "-threads", o.DecodeThreads.ToString(CultureInfo.InvariantCulture),
            "-i", "file:" + inputPath,
            // The filters are tiny after the first split; slice threads would only add hand-overs per frame.
            "-filter_complex_threads", "1",
            "-filter_complex", string.Join(';', graph),
            "-map", "[frames]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1",
        };
        for (var i = 0; i < strips.Count; i++)
        {
            args.AddRange(["-map", $"[strip{i}]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", "file:" + strips[i].Path]);
        }

        return args;
    }

    private static string Crop(AnalysisOptions o, VideoInfo video, StripPosition position)
    {
        var (height, top) = Strip(o.StripShare, video.Height, position);
        return F($"crop={video.Width}:{height}:0:{top}");
    }

    private static string Edges(string prefix) =>
        $"metadata@{prefix}1=mode=print:key=lavfi.black_start,metadata@{prefix}2=mode=print:key=lavfi.black_end";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
