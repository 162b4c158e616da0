using Hall.SiteInspection.Analysis;

namespace Hall.SiteInspection.Tests.Analysis;

[Collection(AnalysisVideosCollection.Name)]
public sealed class KeyFrameExtractorTests(AnalysisVideos videos) : IDisposable
{
    private readonly string _work = Path.Combine(videos.Directory, "keys-" + Guid.NewGuid().ToString("N"));
    private readonly KeyFrameExtractor _extractor = new(new AnalysisOptions());

    [Fact]
    public async Task The_frame_at_a_point_is_a_small_jpeg_with_its_measures()
    {
        var frame = await ExtractAsync(videos.Clean, 4);

        Assert.NotNull(frame);
        Assert.Equal(TimeSpan.FromSeconds(4), frame.Time);
        Assert.Equal((480, 270), (frame.Width, frame.Height));
        Assert.Equal([0xFF, 0xD8], frame.Jpeg[..2]);
        Assert.Equal([0xFF, 0xD9], frame.Jpeg[^2..]);
        Assert.InRange(frame.Jpeg.Length, 5_000, 60_000);
        Assert.True(frame.Usable);
        Assert.Empty(frame.Problems);
        Assert.False(frame.IsDark || frame.IsOverexposed || frame.IsBlurred);
        Assert.True(frame.Quality.Sharpness > new AnalysisOptions().BlurThreshold);
        Assert.Empty(Directory.EnumerateFiles(_work));
    }

    [Fact]
    public async Task Asked_for_faces_the_frame_comes_too_with_its_shorter_side_the_detector_s_input_and_no_file_left()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var probe = await new VideoProber(new AnalysisOptions()).ProbeAsync(videos.Clean, limit.Token);

        var frame = await _extractor.ExtractAsync(videos.Clean, probe.Video!, TimeSpan.FromSeconds(4), _work, limit.Token, faceSide: 256);
        var portrait = await _extractor.ExtractAsync(videos.Portrait, (await new VideoProber(new AnalysisOptions()).ProbeAsync(videos.Portrait, limit.Token)).Video!, TimeSpan.FromSeconds(1), _work, limit.Token, faceSide: 256);

        var faces = frame!.ForFaces!;
        Assert.Equal((456, 256), (faces.Width, faces.Height));
        Assert.Equal(456 * 256 * 3, faces.Rgb.Length);
        Assert.Contains(faces.Rgb, b => b != faces.Rgb[0]);
        Assert.Equal((256, 456), (portrait!.ForFaces!.Width, portrait.ForFaces.Height));
        Assert.Null((await ExtractAsync(videos.Clean, 4))!.ForFaces);
        Assert.Empty(Directory.EnumerateFiles(_work));
    }

    [Theory]
    [InlineData(6.5, "画面过暗")]
    [InlineData(11, "画面过亮(过曝)")]
    [InlineData(22, "画面模糊")]
    public async Task A_point_filmed_in_a_bad_stretch_says_what_is_wrong(double seconds, string problem)
    {
        var frame = await ExtractAsync(videos.Faulty, seconds);

        Assert.NotNull(frame);
        Assert.False(frame.Usable);
        Assert.Equal([problem], frame.Problems);
    }

    [Fact]
    public async Task A_time_past_the_end_has_no_frame()
    {
        var frame = await ExtractAsync(videos.Clean, 30);

        Assert.Null(frame);
        Assert.Empty(Directory.EnumerateFiles(_work));
    }

    [Fact]
    public async Task A_portrait_video_gives_an_upright_key_frame()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var probe = await new VideoProber(new AnalysisOptions()).ProbeAsync(videos.Portrait, limit.Token);

        var frame = await _extractor.ExtractAsync(videos.Portrait, probe.Video!, TimeSpan.FromSeconds(1), _work, limit.Token);

        Assert.NotNull(frame);
        Assert.Equal((480, 854), (frame.Width, frame.Height));
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }

    private async Task<KeyFrame?> ExtractAsync(string path, double seconds)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var probe = await new VideoProber(new AnalysisOptions()).ProbeAsync(path, limit.Token);
        Assert.True(probe.Usable, probe.Check.Reason);
        return await _extractor.ExtractAsync(path, probe.Video!, TimeSpan.FromSeconds(seconds), _work, limit.Token);
    }
}
