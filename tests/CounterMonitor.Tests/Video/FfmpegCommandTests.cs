using System.Text;
using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Video;

/// <summary>What the feed actually runs: a source with a secret goes to ffmpeg's stdin as an ffconcat script.</summary>
public class FfmpegCommandTests
{
    private static CameraFeedOptions Options(string source) => new() { CameraId = "c1", Source = source };

    [Theory]
    [InlineData("rtsp://admin:pw@10.0.0.7:554/stream1", true)]
    [InlineData("rtsp://admin@10.0.0.7/stream1", true)]
    [InlineData("http://10.0.0.7/video.cgi?user=admin&pwd=pw", true)]
    [InlineData("rtsp://10.0.0.7:554/Streaming/Channels/102", false)]
    [InlineData("tcp://127.0.0.1:9000", false)]
    [InlineData("/data/replay@2x.mp4", false)]
    [InlineData("/data/replay.mp4?x", false)]
    public void A_user_or_a_query_in_a_live_url_is_treated_as_a_secret(string source, bool secret) =>
        Assert.Equal(secret, FfmpegArguments.HasSecret(source));

    [Fact]
    public void A_source_without_a_secret_runs_as_built()
    {
        var options = Options("rtsp://10.0.0.7/live");
        var command = FfmpegArguments.Command(options);

        Assert.Equal(FfmpegArguments.Build(options), command.Arguments);
        Assert.Null(command.StandardInput);
    }

    [Fact]
    public void A_password_goes_to_stdin_with_the_input_options_and_the_output_stays_the_same()
    {
        var options = Options("rtsp://admin:pw@10.0.0.7:554/stream1") with { SocketTimeout = TimeSpan.FromSeconds(5) };
        var command = FfmpegArguments.Command(options);
        var script = Encoding.UTF8.GetString(command.StandardInput!.Value.Span);

        Assert.DoesNotContain(command.Arguments, a => a.Contains("pw", StringComparison.Ordinal));
        Assert.Equal(["-f", "concat", "-safe", "0"], command.Arguments.Skip(4).Take(4));
        Assert.Equal("pipe:0", command.Arguments[command.Arguments.ToList().IndexOf("-i") + 1]);
        Assert.Equal(FfmpegArguments.Build(options).TakeLast(10), command.Arguments.TakeLast(10));
        Assert.Equal(
            "ffconcat version 1.0\n"
            + "file 'rtsp://admin:pw@10.0.0.7:554/stream1'\n"
            + "option fflags '+discardcorrupt'\n"
            + "option analyzeduration '1000000'\n"
            + "option rtsp_transport 'tcp'\n"
            + "option timeout '5000000'\n",
            script);
    }

    [Fact]
    public void A_quote_in_the_password_cannot_end_the_file_name()
    {
        var script = FfmpegArguments.ConcatScript(Options("rtsp://admin:it's@cam/1"));

        Assert.Contains(@"file 'rtsp://admin:it'\''s@cam/1'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_with_a_line_break_is_refused()
    {
        var errors = Options("rtsp://a:b@cam/1\nfile '/etc/passwd'").Validate();

        Assert.Contains(errors, e => e.Contains("one line", StringComparison.Ordinal));
    }
}
