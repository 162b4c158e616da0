using Hall.SiteInspection.Analysis;

namespace Hall.SiteInspection.Tests.Analysis;

[Collection(AnalysisVideosCollection.Name)]
public class VideoProberTests(AnalysisVideos videos)
{
    private readonly VideoProber _prober = new(new AnalysisOptions());

    [Fact]
    public async Task A_readable_video_is_described_and_passes()
    {
        var probe = await ProbeAsync(videos.Clean);

        Assert.True(probe.Usable);
        Assert.Equal(CheckNames.Probe, probe.Check.Check);
        var video = probe.Video!;
        Assert.Contains("mp4", video.Container, StringComparison.Ordinal);
        Assert.Equal("h264", video.VideoCodec);
        Assert.Equal(640, video.Width);
        Assert.Equal(360, video.Height);
        Assert.Equal(0, video.Rotation);
        Assert.InRange(video.Duration.TotalSeconds, 11.9, 12.1);
        Assert.InRange(video.FrameRate, 29.9, 30.1);
        Assert.True(video.HasAudio);
        Assert.Equal(new FileInfo(videos.Clean).Length, video.FileSize);
        Assert.Contains("640×360", probe.Check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mp4_cut_in_half_fails_as_incomplete_naming_the_missing_moov()
    {
        var probe = await ProbeAsync(videos.TruncatedNoMoov);

        AssertFailed(probe, "文件不完整或已损坏");
        Assert.Contains("moov atom not found", probe.Check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_renamed_to_mp4_fails_as_not_a_video()
    {
        var probe = await ProbeAsync(videos.TextAsMp4);

        AssertFailed(probe, "不是视频");
    }

    [Fact]
    public async Task An_empty_file_fails_before_ffprobe()
    {
        var probe = await ProbeAsync(videos.Empty);

        AssertFailed(probe, "空的");
    }

    [Fact]
    public async Task A_missing_file_fails()
    {
        var probe = await ProbeAsync(Path.Combine(videos.Directory, "never-uploaded.mp4"));

        AssertFailed(probe, "找不到视频文件");
    }

    [Fact]
    public async Task Sound_without_picture_fails()
    {
        var probe = await ProbeAsync(videos.AudioOnly);

        AssertFailed(probe, "没有视频画面");
    }

    [Fact]
    public async Task A_photo_is_not_a_video()
    {
        var probe = await ProbeAsync(videos.Picture);

        AssertFailed(probe, "图片");
    }

    [Fact]
    public async Task A_video_below_the_minimum_resolution_fails_but_is_still_described()
    {
        var probe = await ProbeAsync(videos.LowResolution);

        Assert.False(probe.Usable);
        Assert.False(probe.Check.Passed);
        Assert.Contains("分辨率过低(320×180)", probe.Check.Reason, StringComparison.Ordinal);
        Assert.NotNull(probe.Video);
        Assert.Equal(180, probe.Video.ShortSide);
    }

    [Fact]
    public async Task The_minimum_resolution_is_a_setting()
    {
        var prober = new VideoProber(new AnalysisOptions { MinimumShortSide = 160 });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var probe = await prober.ProbeAsync(videos.LowResolution, limit.Token);

        Assert.True(probe.Usable);
    }

    [Fact]
    public async Task A_phone_held_upright_is_described_as_shown_portrait()
    {
        var probe = await ProbeAsync(videos.Portrait);

        Assert.True(probe.Usable);
        Assert.Equal(90, probe.Video!.Rotation);
        Assert.Equal(360, probe.Video.Width);
        Assert.Equal(640, probe.Video.Height);
    }

    [Fact]
    public void Bad_settings_are_refused_with_every_problem_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new VideoProber(new AnalysisOptions { SampleWidth = 321, BlurThreshold = -1, AnalysisRate = 7 }));

        Assert.Contains("SampleWidth", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BlurThreshold", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AnalysisRate", ex.Message, StringComparison.Ordinal);
    }

    private async Task<ProbeResult> ProbeAsync(string path)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _prober.ProbeAsync(path, limit.Token);
    }

    private static void AssertFailed(ProbeResult probe, string reasonPart)
    {
        Assert.False(probe.Usable);
        Assert.Null(probe.Video);
        Assert.Equal(CheckNames.Probe, probe.Check.Check);
        Assert.False(probe.Check.Passed);
        Assert.Contains(reasonPart, probe.Check.Reason, StringComparison.Ordinal);
    }
}
