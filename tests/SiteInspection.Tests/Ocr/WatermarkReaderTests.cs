using System.Diagnostics;
using System.Globalization;
using Hall.SiteInspection.Ocr;
using Hall.SiteInspection.Rules;
using Hall.SiteInspection.Tests.Analysis;

namespace Hall.SiteInspection.Tests.Ocr;

/// <summary>
/// The watermark of 720p phone videos (real ffmpeg drawtext with the Noto CJK font, through H.264) read one strip a
/// second as a check reads them: every second's clock exactly, with a whole read only now and then, and a cut or a
/// moved clock still seen.
/// </summary>
public sealed class WatermarkReaderTests(PaddleOcrFixture fixture) : IClassFixture<PaddleOcrFixture>, IAsyncLifetime
{
    private const int Width = 1280;
    private const int StripHeight = 180;
    private const string Address = "广东省韶关市乐昌市坪石镇人民路18号";
    private static readonly DateTime Start = new(2026, 11, 23, 10, 15, 0);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-si-wm-" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_second_of_a_40_s_take_reads_its_clock_exactly_with_two_whole_reads()
    {
        var strips = await StripsAsync("take.mp4", (40, Start, "h-110"));
        var reader = new WatermarkReader(fixture.Ocr, 0.6);

        var readings = ReadAll(reader, strips);

        Assert.Equal(Enumerable.Range(0, 40).Select(s => (DateTime?)Start.AddSeconds(s)), readings.Select(r => WatermarkText.TimeOf(r.Lines)));
        Assert.Equal(2, reader.WholeReads); // at 0 s and at 30 s
        Assert.Equal(38, reader.ClockReads);
        Assert.Equal(Address, WatermarkText.PlaceOf(readings[0].Lines));
        Assert.Equal(Address, WatermarkText.PlaceOf(readings[30].Lines));
        var application = Application();
        Assert.All(WatermarkCheck.Evaluate(readings, application), c => Assert.True(c.Passed, c.Reason));
    }

    [Fact]
    public async Task A_re_recording_joined_at_20_s_shows_as_a_clock_jump_there()
    {
        // The second half was filmed 16 minutes later and joined on: the clock, read where it was, jumps.
        var later = Start.AddMinutes(16).AddSeconds(7);
        var strips = await StripsAsync("joined.mp4", (20, Start, "h-110"), (20, later, "h-110"));
        var reader = new WatermarkReader(fixture.Ocr, 0.6);

        var readings = ReadAll(reader, strips);

        Assert.Equal(later.AddSeconds(1), WatermarkText.TimeOf(readings[21].Lines));
        var clock = Assert.Single(WatermarkCheck.Evaluate(readings, Application()), c => c.Check == CheckNames.WatermarkClock);
        Assert.False(clock.Passed);
        Assert.Equal((TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(20)), (clock.From, clock.To));
        Assert.Contains("10:15:19", clock.Reason, StringComparison.Ordinal);
        Assert.Contains("10:31:07", clock.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clock_that_moves_is_found_again_in_the_strip_where_it_moved()
    {
        // At 12 s the app moves its clock 50 pixels up: not readable where it was, so that strip gets a whole read.
        var strips = await StripsAsync("moved.mp4", (20, Start, "if(lt(t,12),h-110,h-160)"));
        var reader = new WatermarkReader(fixture.Ocr, 0.6);

        var readings = ReadAll(reader, strips);

        Assert.Equal(Enumerable.Range(0, 20).Select(s => (DateTime?)Start.AddSeconds(s)), readings.Select(r => WatermarkText.TimeOf(r.Lines)));
        Assert.Equal(2, reader.WholeReads);
    }

    [Fact]
    public async Task Without_a_watermark_a_whole_read_comes_every_five_seconds_only()
    {
        var strips = await StripsAsync("plain.mp4", (20, null, "h-110"));
        var reader = new WatermarkReader(fixture.Ocr, 0.6);

        var readings = ReadAll(reader, strips);

        Assert.Equal(4, reader.WholeReads);
        Assert.All(readings, r => Assert.Null(WatermarkText.TimeOf(r.Lines)));
        Assert.False(Assert.Single(WatermarkCheck.Evaluate(readings, Application()), c => c.Check == CheckNames.Watermark).Passed);
    }

    private static List<WatermarkReading> ReadAll(WatermarkReader reader, List<byte[]> strips)
    {
        var readings = new List<WatermarkReading>();
        for (var i = 0; i < strips.Count; i++)
        {
            if (reader.Read(TimeSpan.FromSeconds(i), strips[i], Width, StripHeight) is { } reading)
            {
                readings.Add(reading);
            }
        }

        return readings;
    }

    private static InspectionApplication Application() => new()
    {
        Id = "A-1",
        ItemCode = "B-SC-001",
        Applicant = "李四",
        Address = Address,
        WindowFrom = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8)),
        WindowTo = new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(8)),
    };

    private static string Epoch(DateTime at) => new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A phone-like 720p take (a slow pan over the astronaut photo, H.264) made of the given takes joined one after
    /// the other, each with its watermark clock starting at its own time (drawn at the height <c>Y</c>, an expression
    /// of t; no watermark when <c>Clock</c> is null), then its bottom strip once a second at whole seconds, as the
    /// analysis pass cuts it.
    /// </summary>
    private async Task<List<byte[]>> StripsAsync(string name, params (int Seconds, DateTime? Clock, string Y)[] takes)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var video = Path.Combine(_directory, name);
        var arguments = new List<string>();
        var graph = new List<string>();
        for (var i = 0; i < takes.Length; i++)
        {
            var (seconds, clock, y) = takes[i];
            arguments.AddRange(["-loop", "1", "-framerate", "30", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-i", OcrModelDirectory.AstronautPhoto]);
            var watermark = clock is not { } at ? string.Empty
                : $",drawtext=fontfile={WatermarkFrames.FontFile}:fontsize=34:fontcolor=white:borderw=2:bordercolor=black:x=28:y='{y}':"
                  + $"text='%{{pts\\:gmtime\\:{Epoch(at)}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}}'"
                  + $",drawtext=fontfile={WatermarkFrames.FontFile}:fontsize=34:fontcolor=white:borderw=2:bordercolor=black:x=28:y=h-60:text='{Address}'";
            graph.Add($"[{i}:v]scale=1440:1440,crop={Width}:720:x='80+2*t':y='min(700,20*t)'{watermark},format=yuv420p,setsar=1[v{i}]");
        }

        graph.Add(string.Concat(takes.Select((_, i) => $"[v{i}]")) + $"concat=n={takes.Length}:v=1:a=0[v]");
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-g", "60", video]);
        await TestFfmpeg.RunAsync(arguments, limit.Token);
        return await DecodeStripsAsync(video, limit.Token);
    }

    private static async Task<List<byte[]>> DecodeStripsAsync(string video, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-v", "error", "-nostdin", "-i", video, "-vf", $"fps=fps=1:start_time=0,crop={Width}:{StripHeight}:0:{720 - StripHeight}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var strips = new List<byte[]>();
        while (true)
        {
            var strip = new byte[Width * StripHeight * 3];
            if (await process.StandardOutput.BaseStream.ReadAtLeastAsync(strip, strip.Length, throwOnEndOfStream: false, cancellationToken) < strip.Length)
                break;
            strips.Add(strip);
        }

        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, await errors);
        return strips;
    }
}
