using System.Threading.Channels;
using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Video;

public class FfmpegArgumentsTests
{
    private static CameraFeedOptions Options(string source) => new() { CameraId = "c1", Source = source };

    [Fact]
    public void Rtsp_is_pulled_over_tcp_with_a_socket_timeout()
    {
        var args = FfmpegArguments.Build(Options("rtsp://admin:pw@10.0.0.7:554/stream1") with { SocketTimeout = TimeSpan.FromSeconds(5) });

        AssertPair(args, "-rtsp_transport", "tcp");
        AssertPair(args, "-timeout", "5000000");
        AssertPair(args, "-fflags", "+discardcorrupt");
        AssertPair(args, "-flags", "low_delay");
        Assert.DoesNotContain("-re", args);
    }

    [Theory]
    [InlineData("rtsps://cam/1")]
    [InlineData("http://cam/video.mjpg")]
    [InlineData("HTTPS://cam/live.flv")]
    [InlineData("tcp://127.0.0.1:9000")]
    [InlineData("udp://239.0.0.1:1234")]
    [InlineData("srt://cam:9000")]
    public void Every_live_scheme_gets_low_latency_input_and_a_socket_timeout(string source)
    {
        var args = FfmpegArguments.Build(Options(source));

        Assert.True(FfmpegArguments.IsLive(source));
        AssertPair(args, "-flags", "low_delay");
        Assert.True(args.Contains("-rw_timeout") || args.Contains("-timeout"));
        Assert.DoesNotContain("-re", args);
        Assert.DoesNotContain("-stream_loop", args);
    }

    [Fact]
    public void Only_rtsp_sources_get_the_rtsp_transport()
    {
        Assert.DoesNotContain("-rtsp_transport", FfmpegArguments.Build(Options("tcp://127.0.0.1:9000")));
        Assert.DoesNotContain("-rtsp_transport", FfmpegArguments.Build(Options("/data/replay.mp4")));
    }

    [Fact]
    public void File_as_fast_as_possible_reads_without_waiting()
    {
        var args = FfmpegArguments.Build(Options("/data/replay.mp4") with { Pace = FramePace.AsFastAsPossible });

        Assert.False(FfmpegArguments.IsLive("/data/replay.mp4"));
        Assert.DoesNotContain("-re", args);
        Assert.DoesNotContain("-stream_loop", args);
        Assert.DoesNotContain("-fflags", args);
        AssertPair(args, "-i", "/data/replay.mp4");
    }

    [Fact]
    public void Looping_realtime_replay_behaves_like_a_camera()
    {
        var args = FfmpegArguments.Build(Options("replay.mp4") with { Pace = FramePace.Realtime, Loop = true });

        var input = IndexOf(args, "-i");
        Assert.InRange(IndexOf(args, "-re"), 0, input);
        AssertPair(args, "-stream_loop", "-1");
        Assert.InRange(IndexOf(args, "-stream_loop"), 0, input);
    }

    [Fact]
    public void Filter_samples_at_the_rate_and_letterboxes_to_the_model_size()
    {
        var filter = FfmpegArguments.VideoFilter(Options("x.mp4") with { SampleRate = 0.5, Width = 256, Height = 256 });

        Assert.Equal("fps=0.5,scale=256:256:force_original_aspect_ratio=decrease,pad=256:256:(ow-iw)/2:(oh-ih)/2", filter);
        AssertPair(FfmpegArguments.Build(Options("x.mp4") with { SampleRate = 2 }), "-vf",
            "fps=2,scale=128:128:force_original_aspect_ratio=decrease,pad=128:128:(ow-iw)/2:(oh-ih)/2");
    }

    [Fact]
    public void Output_is_raw_rgb24_on_stdout_decoded_by_one_thread_and_quiet()
    {
        var args = FfmpegArguments.Build(Options("rtsp://cam/1"));

        Assert.Equal(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"], args.TakeLast(5));
        AssertPair(args, "-threads", "1");
        Assert.InRange(IndexOf(args, "-threads"), 0, IndexOf(args, "-i"));
        AssertPair(args, "-loglevel", "error");
        Assert.Contains("-hide_banner", args);
        Assert.Contains("-nostdin", args);
        Assert.Contains("-an", args);
        Assert.Contains("-sn", args);
        Assert.Contains("-dn", args);
    }

    [Fact]
    public void A_path_that_looks_like_an_option_stays_a_path()
    {
        AssertPair(FfmpegArguments.Build(Options("-y.mp4")), "-i", "file:-y.mp4");
    }

    [Fact]
    public void Bad_options_are_refused_when_the_feed_is_created_with_every_problem_named()
    {
        var options = Options("x.mp4") with { Width = 127, SampleRate = 0, MinBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromSeconds(1) };

        var error = Assert.Throws<ArgumentException>(() => new CameraFeed(options, Channel.CreateUnbounded<VideoFrame>().Writer));

        Assert.Contains("127x128", error.Message, StringComparison.Ordinal);
        Assert.Contains("SampleRate", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinBackoff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_frame_timeout_must_be_longer_than_one_sample_interval()
    {
        var errors = (Options("x.mp4") with { SampleRate = 0.5, NoFrameTimeout = TimeSpan.FromSeconds(2) }).Validate();

        Assert.Contains(errors, e => e.Contains("NoFrameTimeout", StringComparison.Ordinal));
        Assert.Empty(Options("x.mp4").Validate());
    }

    private static int IndexOf(IReadOnlyList<string> args, string name) => args.ToList().IndexOf(name);

    private static void AssertPair(IReadOnlyList<string> args, string name, string value)
    {
        var at = IndexOf(args, name);
        Assert.True(at >= 0, $"{name} missing in: {string.Join(' ', args)}");
        Assert.Equal(value, args[at + 1]);
    }
}
