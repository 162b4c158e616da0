using System.Text;

namespace Hall.SiteInspection.Tests.Analysis;

/// <summary>
/// The inspection videos of the analysis tests, made once with the real ffmpeg in a temporary folder and deleted
/// afterwards. Moving footage is a slow pan over a still of the Mandelbrot set (a camera walking past a textured
/// scene): its difference hash moves a few bits per 0.1 s, and stills of different places of the set hash apart.
/// </summary>
public sealed class AnalysisVideos : IAsyncLifetime
{
    private const int Rate = 30;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "hall-si-analysis-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// 30 s, 640×360: 0–5 pan A, 5–8 black, 8–10 zooming Mandelbrot, 10–12 white, 12–16 frozen colour bars,
    /// 16–20 pan C, 20–24 pan D blurred (gblur sigma 8), 24–29 pan A again (repeated), 29–30 pan F.
    /// </summary>
    public string Faulty => Path.Combine(Directory, "faulty.mp4");

    /// <summary>The same, with the blurred stretch 0.23 s longer: the copy of A starts off the 0.5 s sampling grid.</summary>
    public string FaultyOffGrid => Path.Combine(Directory, "faulty-offgrid.mp4");

    /// <summary>12 s single take, 640×360, with sensor-like noise and a sound track; moov at the end (ffmpeg's default).</summary>
    public string Clean => Path.Combine(Directory, "clean.mp4");

    /// <summary>The first half of the bytes of <see cref="Clean"/>: the moov atom is missing.</summary>
    public string TruncatedNoMoov => Path.Combine(Directory, "truncated-nomoov.mp4");

    /// <summary><see cref="Clean"/> with the moov atom first (faststart), cut in half: readable header, frames end at ~6 s.</summary>
    public string TruncatedFaststart => Path.Combine(Directory, "truncated-faststart.mp4");

    public string TextAsMp4 => Path.Combine(Directory, "notes.mp4");

    public string Empty => Path.Combine(Directory, "empty.mp4");

    public string AudioOnly => Path.Combine(Directory, "voice.m4a");

    public string Picture => Path.Combine(Directory, "photo.png");

    /// <summary>3 s, 320×180.</summary>
    public string LowResolution => Path.Combine(Directory, "small.mp4");

    /// <summary>3 s, coded 640×360 with a 90° display rotation: a phone held upright, shown 360×640.</summary>
    public string Portrait => Path.Combine(Directory, "portrait.mp4");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var token = limit.Token;
        await Task.WhenAll(
            TestFfmpeg.RunAsync(FaultyArguments(Faulty, 4), token),
            MakeCleanAsync(token));
        await Task.WhenAll(
            TestFfmpeg.RunAsync(FaultyArguments(FaultyOffGrid, 4.23), token),
            TestFfmpeg.RunAsync(["-i", Clean, "-t", "3", "-vf", "scale=320:180", "-an", "-c:v", "libx264", "-preset", "ultrafast", LowResolution], token),
            TestFfmpeg.RunAsync(["-i", Clean, "-t", "3", "-an", "-c:v", "copy", "-metadata:s:v:0", "rotate=90", Portrait], token),
            TestFfmpeg.RunAsync(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2", "-c:a", "aac", AudioOnly], token),
            TestFfmpeg.RunAsync(["-f", "lavfi", "-i", "testsrc2=size=640x360", "-frames:v", "1", Picture], token));

        var bytes = await File.ReadAllBytesAsync(Clean, token);
        await File.WriteAllBytesAsync(TruncatedNoMoov, bytes[..(bytes.Length / 2)], token);
        var faststart = Path.Combine(Directory, "faststart.mp4");
        await TestFfmpeg.RunAsync(["-i", Clean, "-c", "copy", "-movflags", "+faststart", faststart], token);
        bytes = await File.ReadAllBytesAsync(faststart, token);
        await File.WriteAllBytesAsync(TruncatedFaststart, bytes[..(bytes.Length / 2)], token);
        await File.WriteAllTextAsync(TextAsMp4, "踏勘说明:这不是视频文件。\nThis is a text file renamed to .mp4.\n", Encoding.UTF8, token);
        await File.WriteAllBytesAsync(Empty, [], token);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    private Task MakeCleanAsync(CancellationToken token) =>
        TestFfmpeg.RunAsync(
            [
                "-f", "lavfi", "-i", TestFfmpeg.Still($"mandelbrot=size=1280x720:rate={Rate}:maxiter=200:start_x=-0.743643887:start_y=0.131825904:start_scale=0.02", Rate),
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-filter_complex", "[0]crop=640:360:x='t*40':y='t*20',noise=alls=6:allf=t,format=yuv420p[v]",
                "-map", "[v]", "-map", "1", "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-g", "60",
                "-c:a", "aac", "-b:a", "64k", Clean,
            ],
            token);

    private static List<string> FaultyArguments(string output, double blurredSeconds)
    {
        const string Size = "640x360";
        const string Norm = "setpts=PTS-STARTPTS,format=yuv420p,setsar=1";
        var mandelbrot = $"mandelbrot=size=1280x720:rate={Rate}:maxiter=200";
        string[] inputs =
        [
            TestFfmpeg.Still($"{mandelbrot}:start_x=-0.743643887:start_y=0.131825904:start_scale=0.02", Rate),
            $"color=black:size={Size}:rate={Rate}",
            $"mandelbrot=size={Size}:rate={Rate}:maxiter=200",
            $"color=white:size={Size}:rate={Rate}",
            $"smptehdbars=size={Size}:rate={Rate}",
            TestFfmpeg.Still($"{mandelbrot}:start_x=0.275:start_y=0.0:start_scale=0.05", Rate),
            TestFfmpeg.Still($"{mandelbrot}:start_x=-1.25066:start_y=0.02012:start_scale=0.05", Rate),
            TestFfmpeg.Still($"testsrc=size=1280x720:rate={Rate}", Rate),
        ];
        var graph = string.Join(';',
            $"[0]crop=640:360:x='t*60':y='t*30',trim=0:5,{Norm},split[a1][a2]",
            $"[1]trim=0:3,{Norm}[k]",
            $"[2]trim=0:2,{Norm}[m]",
            $"[3]trim=0:2,{Norm}[w]",
            $"[4]trim=0:4,{Norm}[f]",
            $"[5]crop=640:360:x='t*80':y='t*20',trim=0:4,{Norm}[c]",
            FormattableString.Invariant($"[6]crop=640:360:x='t*50':y='t*40',gblur=sigma=8,trim=0:{blurredSeconds},{Norm}[d]"),
            $"[7]crop=640:360:x='t*60':y='t*40',trim=0:1,{Norm}[e]",
            "[a1][k][m][w][f][c][d][a2][e]concat=n=9:v=1:a=0[v]");
        var args = new List<string>();
        foreach (var input in inputs)
            args.AddRange(["-f", "lavfi", "-i", input]);
        args.AddRange(["-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-g", "60", output]);
        return args;
    }
}
