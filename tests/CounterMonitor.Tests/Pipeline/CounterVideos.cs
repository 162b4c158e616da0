using Hall.CounterMonitor.Tests.Video;
using Hall.Tests.Shared;

namespace Hall.CounterMonitor.Tests.Pipeline;

/// <summary>
/// Counter-camera videos made with ffmpeg from the astronaut photo (a real face) and an empty scene (the same
/// background with the lower part of the photo: suit and flag, no face), 704×576 at 25 fps like a camera sub-stream.
/// </summary>
public sealed class CounterVideos : IAsyncLifetime
{
    private const string Background = "color=c=0x8a8070:s=704x576:r=25";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "hall-counter-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Face 10 s, away 10 s, face 10 s.</summary>
    public string FaceAwayFace => Path.Combine(Directory, "face-away-face.mp4");

    /// <summary>Face 5 s, away 40 s, face 5 s.</summary>
    public string LongAbsence => Path.Combine(Directory, "long-absence.mp4");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var photo = ModelFiles.AstronautPhoto;
        await SegmentAsync(photo, "face", "crop=300:300:110:0", timeout.Token);
        await SegmentAsync(photo, "empty", "crop=220:300:0:212", timeout.Token);
        await ConcatAsync(FaceAwayFace, [("face", 10), ("empty", 10), ("face", 10)], timeout.Token);
        await ConcatAsync(LongAbsence, [("face", 5), ("empty", 40), ("face", 5)], timeout.Token);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    // A 40 s segment of the photo cropped as given, filling the frame's height over the background.
    private Task SegmentAsync(string photo, string name, string crop, CancellationToken cancellationToken) =>
        Ffmpeg.RunAsync(
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
             "-loop", "1", "-framerate", "25", "-i", photo, "-f", "lavfi", "-i", Background,
             "-filter_complex", $"[0:v]{crop},scale=576:576[p];[1:v][p]overlay=64:0,format=yuv420p",
             "-t", "40", "-r", "25", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", Path.Combine(Directory, name + ".mp4")],
            cancellationToken);

    private Task ConcatAsync(string output, IReadOnlyList<(string Name, int Seconds)> parts, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" };
        foreach (var (name, seconds) in parts)
        {
            arguments.AddRange(["-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", Path.Combine(Directory, name + ".mp4")]);
        }

        var inputs = string.Concat(Enumerable.Range(0, parts.Count).Select(i => $"[{i}:v]"));
        arguments.AddRange(["-filter_complex", $"{inputs}concat=n={parts.Count}:v=1[v]", "-map", "[v]", "-r", "25", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", output]);
        return Ffmpeg.RunAsync(arguments, cancellationToken);
    }
}
