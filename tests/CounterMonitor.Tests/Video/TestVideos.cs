namespace Hall.CounterMonitor.Tests.Video;

/// <summary>Test inputs made with the real ffmpeg in a temporary folder, deleted afterwards.</summary>
public sealed class TestVideos : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "hall-video-" + Guid.NewGuid().ToString("N"));

    /// <summary>704×576 (a D1 camera, not square), 25 fps, 6 s.</summary>
    public string Clip704x576 => Path.Combine(Directory, "d1-6s.mp4");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Ffmpeg.RunAsync(
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=704x576:rate=25",
             "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", Clip704x576],
            timeout.Token);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
