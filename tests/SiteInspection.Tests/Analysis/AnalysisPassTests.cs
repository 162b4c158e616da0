using Hall.SiteInspection.Analysis;

namespace Hall.SiteInspection.Tests.Analysis;

[Collection(AnalysisVideosCollection.Name)]
public sealed class AnalysisPassTests(AnalysisVideos videos) : IDisposable
{
    private const double Tolerance = 0.5;
    private readonly string _work = Path.Combine(videos.Directory, "work-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Each_fault_of_the_faulty_video_is_found_with_its_time_range()
    {
        using var report = await RunAsync(videos.Faulty);

        Assert.True(report.Complete);
        Assert.DoesNotContain(report.Checks, c => c.Check == CheckNames.Probe);
        AssertOneFailure(report, CheckNames.Dark, 5, 8, "00:05–00:08 画面过暗");
        AssertOneFailure(report, CheckNames.Overexposed, 10, 12, "00:10–00:12 画面过亮");
        AssertOneFailure(report, CheckNames.Frozen, 12, 16, "00:12–00:16 画面静止不动");
        AssertOneFailure(report, CheckNames.Blur, 20, 24, "00:20–00:24 画面模糊");
        var repeated = AssertOneFailure(report, CheckNames.Repeated, 24, 29, "00:24–00:29 与 00:00–00:05 的画面重复");
        Assert.Null(repeated.Checkpoint);
    }

    [Fact]
    public async Task Cuts_between_steady_shots_are_reported_as_splices_and_nothing_inside_a_shot_is()
    {
        using var report = await RunAsync(videos.Faulty);

        var splices = report.For(CheckNames.Spliced).ToList();
        Assert.All(splices, s => Assert.False(s.Passed));
        // Every cut of the faulty video; those next to a black, white or frozen stretch are reported as that instead.
        double[] cuts = [5, 8, 10, 12, 16, 20, 24, 29];
        Assert.All(splices, s => Assert.Contains(cuts, c => Math.Abs(Middle(s) - c) <= Tolerance));
        Assert.Contains(splices, s => Math.Abs(Middle(s) - 20) <= Tolerance && s.Reason == "00:20 画面突然切换,疑似剪辑拼接");
        Assert.Contains(splices, s => Math.Abs(Middle(s) - 24) <= Tolerance);
    }

    [Fact]
    public async Task A_copy_that_starts_off_the_sampling_grid_is_still_found_as_repeated()
    {
        using var report = await RunAsync(videos.FaultyOffGrid);

        var repeated = AssertOneFailure(report, CheckNames.Repeated, 24.23, 29.23, "与 00:00–00:05 的画面重复");
        Assert.NotNull(repeated.From);
    }

    [Fact]
    public async Task A_clean_single_take_passes_every_check_with_one_result_each()
    {
        var seen = new List<(TimeSpan Time, int Width, int Height, int Bytes)>();
        using var report = await RunAsync(videos.Clean, (t, rgb, w, h) => seen.Add((t, w, h, rgb.Length)));

        Assert.True(report.Complete);
        Assert.True(report.AllPassed, string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => c.Reason)));
        string[] names = [CheckNames.Dark, CheckNames.Overexposed, CheckNames.Frozen, CheckNames.Blur, CheckNames.Repeated, CheckNames.Spliced];
        Assert.Equal(names.Order(), report.Checks.Select(c => c.Check).Order());
        Assert.All(report.Checks, c => Assert.Null(c.From));
        Assert.Contains(report.Checks, c => c.Reason == "未发现过暗画面");
        Assert.InRange(report.DecodedDuration.TotalSeconds, 11.5, 12.1);

        // Samples at 2 fps, 320 wide, each also handed to the caller (e.g. for a face detector).
        Assert.InRange(report.Samples.Count, 23, 25);
        Assert.Equal(report.Samples.Count, seen.Count);
        Assert.All(seen, s => Assert.Equal((320, 180, 320 * 180 * 3), (s.Width, s.Height, s.Bytes)));
        Assert.Equal(report.Samples.Select(s => s.Time), seen.Select(s => s.Time));
        Assert.Equal(TimeSpan.FromSeconds(0.5), report.Samples[1].Time);
        Assert.All(report.Samples, s => Assert.True(s.Quality.Sharpness > new AnalysisOptions().BlurThreshold));
        Assert.InRange(report.Hashes.Count, 118, 121);
    }

    [Fact]
    public async Task Samples_reach_the_caller_in_the_colours_ffmpeg_itself_gives()
    {
        byte[]? bars = null;
        using var report = await RunAsync(videos.Faulty, (t, rgb, _, _) =>
        {
            if (t == TimeSpan.FromSeconds(14))
                bars = rgb.ToArray();
        });
        var expected = Path.Combine(videos.Directory, "bars-" + Guid.NewGuid().ToString("N") + ".rgb");
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await TestFfmpeg.RunAsync(["-ss", "14", "-i", videos.Faulty, "-frames:v", "1", "-vf", "scale=320:180:flags=area,format=rgb24", "-f", "rawvideo", expected], limit.Token);
        }

        var reference = await File.ReadAllBytesAsync(expected);
        File.Delete(expected);
        Assert.NotNull(bars);
        Assert.Equal(reference.Length, bars.Length);
        var meanError = bars.Zip(reference, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanError, 0, 3);
    }

    [Fact]
    public async Task The_bottom_strip_is_kept_at_full_resolution_once_a_second_until_the_report_is_disposed()
    {
        var report = await RunAsync(videos.Clean);
        var strip = Assert.Single(report.Strips);
        Assert.Same(strip, report.Bottom);
        Assert.Equal(StripPosition.Bottom, strip.Position);
        Assert.Equal((640, 90, 270), (strip.Width, strip.Height, strip.Top));
        Assert.InRange(strip.Frames.Count, 11, 12);
        Assert.Equal(TimeSpan.FromSeconds(3), strip.Frames[3].Time);
        Assert.Equal(3L * strip.FrameBytes, strip.Frames[3].Offset);
        Assert.StartsWith(Path.GetFullPath(_work), strip.FilePath, StringComparison.Ordinal);
        var pixels = strip.Read(strip.Frames[3]);
        Assert.Equal(640 * 90 * 3, pixels.Length);
        Assert.Contains(pixels, b => b != pixels[0]);

        report.Dispose();

        Assert.False(File.Exists(strip.FilePath));
    }

    [Fact]
    public async Task Each_strip_reaches_the_strip_handler_in_time_order_while_decoding_with_the_bytes_kept_in_the_file()
    {
        var seen = new List<(StripPosition Position, TimeSpan Time, byte[] Pixels, int Width, int Height)>();
        var options = new AnalysisOptions { TopStrip = true, StripShare = 0.2 };
        bool? decodingWhenFirstHanded = null;

        // The 30 s video: long enough to decode that the hand-over shows before ffmpeg is done, on a loaded machine too.
        using var report = await RunAsync(videos.Faulty, options: options, onStrip: (position, time, rgb, width, height) =>
        {
            decodingWhenFirstHanded ??= FfmpegProcessesWriting(_work).Count > 0;
            seen.Add((position, time, rgb.ToArray(), width, height));
        });

        Assert.True(decodingWhenFirstHanded, "the first strip came only after ffmpeg had finished");

        foreach (var strips in report.Strips)
        {
            var handed = seen.Where(s => s.Position == strips.Position).ToList();
            Assert.Equal(strips.Frames.Select(f => f.Time), handed.Select(s => s.Time));
            Assert.All(handed, s => Assert.Equal((strips.Width, strips.Height), (s.Width, s.Height)));
            Assert.Equal(strips.Read(strips.Frames[5]), handed[5].Pixels);
        }
    }

    [Fact]
    public async Task A_strip_handler_that_fails_stops_the_pass_with_its_error_and_leaves_no_ffmpeg()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => RunAsync(videos.Faulty, onStrip: (_, time, _, _, _) =>
        {
            if (time == TimeSpan.FromSeconds(2))
                throw new InvalidDataException("the OCR model is damaged");
        }));

        Assert.Equal("the OCR model is damaged", error.Message);
        Assert.Empty(Directory.EnumerateFiles(_work));
        Assert.Empty(FfmpegProcessesWriting(_work));
    }

    [Fact]
    public async Task A_cancelled_pass_returns_only_once_its_strip_handler_has_finished()
    {
        // The handler is the check's OCR, which the next check uses: it must not still be running when the pass gives up.
        using var cancel = new CancellationTokenSource();
        var inside = 0;
        var strips = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(videos.Faulty, cancellation: cancel.Token, onStrip: (_, _, _, _, _) =>
        {
            Interlocked.Increment(ref inside);
            if (++strips == 2)
                cancel.Cancel();
            Thread.Sleep(300); // a slow read, still going when the cancellation lands
            Interlocked.Decrement(ref inside);
        }));

        Assert.Equal(0, Volatile.Read(ref inside));
        Assert.Equal(2, strips);
        Assert.Empty(FfmpegProcessesWriting(_work));
    }

    [Fact]
    public async Task An_ocr_that_lags_behind_decoding_is_no_stall_of_ffmpeg()
    {
        // Every strip takes a quarter of a second to read: the last ones are read well after the frames stopped coming.
        // The timeout leaves a starved machine's ffmpeg 2 s between frames, still far less than the reads lag behind.
        var options = new AnalysisOptions { NoProgressTimeout = TimeSpan.FromSeconds(2) };
        var read = 0;

        using var report = await RunAsync(videos.Faulty, options: options, onStrip: (_, _, _, _, _) =>
        {
            Thread.Sleep(250);
            read++;
        });

        Assert.True(report.Complete);
        Assert.Empty(report.For(CheckNames.Probe));
        Assert.Equal(report.Bottom!.Frames.Count, read);
    }

    [Fact]
    public async Task The_scratch_space_foretold_is_what_the_strip_files_take()
    {
        var options = new AnalysisOptions { TopStrip = true, StripShare = 0.2, KeepStrips = true };
        var probe = await new VideoProber(options).ProbeAsync(videos.Clean, CancellationToken.None);
        var pass = new AnalysisPass(options);

        using var report = await pass.RunAsync(videos.Clean, probe.Video!, _work);

        var written = report.Strips.Sum(s => new FileInfo(s.FilePath).Length);
        Assert.InRange(written, pass.ScratchBytes(probe.Video!) - (4 * report.Bottom!.FrameBytes), pass.ScratchBytes(probe.Video!));
        Assert.Equal(207_360_000 + (1280 * 180 * 3), new AnalysisPass(new AnalysisOptions()).ScratchBytes(probe.Video! with { Width = 1280, Height = 720, Duration = TimeSpan.FromMinutes(5) }));
    }

    [Fact]
    public async Task The_top_strip_is_written_too_when_asked()
    {
        using var report = await RunAsync(videos.Clean, options: new AnalysisOptions { TopStrip = true, StripShare = 0.2 });

        Assert.Equal([StripPosition.Bottom, StripPosition.Top], report.Strips.Select(s => s.Position));
        Assert.Equal((72, 288), (report.Bottom!.Height, report.Bottom.Top));
        Assert.Equal((72, 0), (report.Top!.Height, report.Top.Top));
        Assert.Equal(report.Bottom.Frames.Count, report.Top.Frames.Count);
        Assert.NotEqual(report.Bottom.Read(report.Bottom.Frames[2]), report.Top.Read(report.Top.Frames[2]));
    }

    [Fact]
    public async Task A_file_whose_frames_stop_half_way_fails_the_probe_check_from_where_decoding_stopped()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var probe = await new VideoProber(new AnalysisOptions()).ProbeAsync(videos.TruncatedFaststart, limit.Token);
        Assert.True(probe.Usable);

        using var report = await new AnalysisPass(new AnalysisOptions()).RunAsync(videos.TruncatedFaststart, probe.Video!, _work, cancellationToken: limit.Token);

        Assert.False(report.Complete);
        var failed = Assert.Single(report.For(CheckNames.Probe));
        Assert.False(failed.Passed);
        Assert.Contains("之后无法解码", failed.Reason, StringComparison.Ordinal);
        Assert.InRange(failed.From!.Value.TotalSeconds, 3, 9);
        Assert.Equal(probe.Video!.Duration, failed.To);
        Assert.Equal(report.DecodedDuration, failed.From);
    }

    [Fact]
    public async Task A_portrait_video_is_sampled_upright()
    {
        var sizes = new HashSet<(int, int)>();
        using var report = await RunAsync(videos.Portrait, (_, _, w, h) => sizes.Add((w, h)));

        Assert.Equal((320, 568), Assert.Single(sizes));
        Assert.Equal((360, 160), (report.Bottom!.Width, report.Bottom.Height));
    }

    [Fact]
    public async Task Cancelling_stops_ffmpeg_and_leaves_no_strip_file()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        var probe = await new VideoProber(new AnalysisOptions()).ProbeAsync(videos.Faulty, limit.Token);
        var samples = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new AnalysisPass(new AnalysisOptions()).RunAsync(videos.Faulty, probe.Video!, _work, (_, _, _, _) =>
            {
                if (++samples == 3)
                    cancel.Cancel();
            }, cancellationToken: cancel.Token));

        Assert.False(limit.IsCancellationRequested);
        Assert.Empty(Directory.EnumerateFiles(_work));
        Assert.Empty(FfmpegProcessesWriting(_work));
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }

    private async Task<AnalysisReport> RunAsync(string path, SampleFrameHandler? onSample = null, AnalysisOptions? options = null, StripHandler? onStrip = null, CancellationToken cancellation = default)
    {
        options ??= new AnalysisOptions();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        var probe = await new VideoProber(options).ProbeAsync(path, limit.Token);
        Assert.True(probe.Usable, probe.Check.Reason);
        return await new AnalysisPass(options).RunAsync(path, probe.Video!, _work, onSample, onStrip, limit.Token);
    }

    private static CheckResult AssertOneFailure(AnalysisReport report, string check, double from, double to, string reasonPart)
    {
        var result = Assert.Single(report.For(check));
        Assert.False(result.Passed);
        Assert.InRange(result.From!.Value.TotalSeconds, from - Tolerance, from + Tolerance);
        Assert.InRange(result.To!.Value.TotalSeconds, to - Tolerance, to + Tolerance);
        Assert.Contains(reasonPart, result.Reason, StringComparison.Ordinal);
        return result;
    }

    private static double Middle(CheckResult r) => (r.From!.Value.TotalSeconds + r.To!.Value.TotalSeconds) / 2;

    /// <summary>ffmpeg processes whose command line names the work directory (the strip file is in it).</summary>
    private static List<int> FfmpegProcessesWriting(string work)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains("ffmpeg", StringComparison.Ordinal) && cmdline.Contains(work, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return found;
    }
}
