using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hall.Benchmarks;

/// <summary>
/// The 云踏勘 scenario (docs/benchmarks.md): a 5-minute 720p inspection video checked by a running box, as an
/// applicant's phone uploads it, beside <c>ffmpeg -f null</c> decoding the same file (the floor), in turns on the same
/// machine. The check's time runs from the upload's last chunk being acknowledged to the verdict on the applicant's
/// page; its CPU is the box's and its ffmpegs'; memory is the peak of the box and of its largest ffmpeg.
/// </summary>
internal static partial class InspectionBench
{
    private const string AdminPassword = "Bench-insp-2026";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<InspectionReport> RunAsync(BenchArgs options, MachineInfo machine, CancellationToken ct)
    {
        var seconds = options.Quick ? 60 : 300;
        var report = new InspectionReport { Args = options, Machine = machine, VideoSeconds = seconds, Video = InspectionVideo.Description(seconds) };
        try
        {
            await RunRoundsAsync(report, options.Quick ? 1 : 2, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            report.Fail("inspection part: cancelled (Ctrl+C, SIGTERM or the run's time limit); the figures so far are shown.");
        }
        catch (Exception e)
        {
            report.Fail($"inspection part: {e.GetType().Name}: {e.Message}");
        }

        return report;
    }

    private static async Task RunRoundsAsync(InspectionReport report, int rounds, CancellationToken ct)
    {
        var options = report.Args;
        var models = options.Models ?? ModelFolder.Find();
        var boxDll = options.Box ?? BoxTarget.FindBox();
        if (InspectionVideo.Missing() is { } missing)
        {
            report.Fail($"Inspection part NOT RUN: the video needs {missing}.");
            return;
        }

        if (models is null || boxDll is null || !File.Exists(boxDll))
        {
            report.Fail($"Inspection part NOT RUN: {(models is null ? "no .models (run provisioning/scripts/fetch-models.sh or pass --models DIR)" : "no box (dotnet build firmware-host -c Release, or --box PATH)")}.");
            return;
        }

        Console.Error.WriteLine($"[bench] inspection: the {report.VideoSeconds} s test video (made once, a few minutes)…");
        var video = await InspectionVideo.EnsureAsync(report.VideoSeconds, ct);
        report.VideoBytes = new FileInfo(video).Length;
        report.FfmpegVersion = await FfmpegVersionAsync(ct);

        await using var box = await BoxTarget.StartAsync(boxDll, "bench", kiosks: 1, displays: 1, ct,
        [
            $"--Staff:BootstrapAdminPassword={AdminPassword}",
            $"--SiteInspection:ModelDirectory={models}",
            "--Logging:LogLevel:Hall.SiteInspection=Information",
        ]);
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{box.HttpPort}"), Timeout = TimeSpan.FromMinutes(2) };
        using var admin = new HttpClient(box.TrustBox(new HttpClientHandler { CookieContainer = new CookieContainer() })) { BaseAddress = new Uri($"https://127.0.0.1:{box.HttpsPort}"), Timeout = TimeSpan.FromMinutes(2) };
        using (var login = await AdminAsync(admin, "/admin/api/login", new { staffId = "admin", password = AdminPassword }, ct))
        {
            login.EnsureSuccessStatusCode();
        }

        for (var round = 1; round <= rounds; round++)
        {
            Console.Error.WriteLine($"[bench] inspection round {round}: ffmpeg -f null (the floor)…");
            report.Floors.Add(await FloorAsync(video, box.ProcessId, ct));
            Console.Error.WriteLine($"[bench] inspection round {round}: the whole check through the box…");
            report.Checks.Add(await CheckAsync(report, box, phone, admin, video, round, ct));
        }
    }

    /// <summary><c>ffmpeg -i video -map 0:v:0 -f null -</c>: every frame decoded and thrown away, ffmpeg's own threads.</summary>
    /// <remarks>Its CPU is this process's children's less the idle box's, which is one of those children.</remarks>
    private static async Task<RunFigures> FloorAsync(string video, int boxId, CancellationToken ct)
    {
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", "-i", video, "-map", "0:v:0", "-f", "null", "-"])
            info.ArgumentList.Add(argument);
        var before = ProcCpu.Tree(Environment.ProcessId)!.Value;
        var boxBefore = ProcCpu.Tree(boxId)!.Value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        using var kill = ct.Register(() => process.Kill(entireProcessTree: true));
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        double peak = 0;
        while (!process.WaitForExit(Poll))
            peak = Math.Max(peak, ProcCpu.PeakRssMiB(process.Id));
        var elapsed = clock.Elapsed;
        ct.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg -f null failed (exit {process.ExitCode}): {(await errors).Trim()}");
        var ffmpegCpu = (ProcCpu.Tree(Environment.ProcessId)!.Value - before).Children - (ProcCpu.Tree(boxId)!.Value - boxBefore).Total;
        return new RunFigures(elapsed, ffmpegCpu, 0, peak, null, null);
    }

    private static async Task<RunFigures> CheckAsync(InspectionReport report, BoxTarget box, HttpClient phone, HttpClient admin, string video, int round, CancellationToken ct)
    {
        using var opened = await AdminAsync(admin, "/admin/api/inspections", new
        {
            itemCode = "B-SC-001",
            applicant = string.Create(CultureInfo.InvariantCulture, $"基准测试{round}"),
            address = InspectionVideo.Address,
            windowFrom = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8)),
            windowTo = new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(8)),
        }, ct);
        var application = await JsonAsync(opened, ct);
        var id = application.GetProperty("application").GetProperty("id").GetString()!;
        var key = new Uri(application.GetProperty("link").GetString()!).Query;
        var size = new FileInfo(video).Length;

        // The applicant at the shopfront at 3 s (the astronaut), the inside half-way.
        var marks = new { exterior = 3, interior = report.VideoSeconds / 2 };
        using var created = await phone.PostAsJsonAsync($"/api/inspect/{id}/uploads{key}", new { fileName = "VID_20261123_101500.mp4", contentType = "video/mp4", size, marks }, ct);
        var uploadId = (await JsonAsync(created, ct)).GetProperty("uploadId").GetString()!;
        await UploadAsync(phone, $"/api/inspect/{id}/uploads/{uploadId}{key}", video, ct);

        // From here the box checks: its CPU (with its ffmpegs') and memory are sampled until the verdict shows.
        var before = ProcCpu.Tree(box.ProcessId) ?? throw new InvalidOperationException("the box is gone");
        var clock = Stopwatch.StartNew();
        double boxPeak = 0, ffmpegPeak = 0;
        JsonElement verdict;
        while (true)
        {
            boxPeak = Math.Max(boxPeak, ProcCpu.RssMiB(box.ProcessId));
            foreach (var child in ProcCpu.ChildrenOf(box.ProcessId))
                ffmpegPeak = Math.Max(ffmpegPeak, ProcCpu.PeakRssMiB(child));
            using var view = await phone.GetAsync(new Uri($"/api/inspect/{id}{key}", UriKind.Relative), ct);
            var page = await JsonAsync(view, ct);
            var failed = page.GetProperty("jobs").EnumerateArray().FirstOrDefault(j => j.GetProperty("state").GetString() == "failed");
            if (failed.ValueKind != JsonValueKind.Undefined)
                throw new InvalidOperationException($"the check failed: {failed}\n{box.LogTail()}");
            if (page.GetProperty("verdicts").GetArrayLength() > 0)
            {
                verdict = page.GetProperty("verdicts")[0].GetProperty("verdict");
                break;
            }

            await Task.Delay(Poll, ct);
        }

        var elapsed = clock.Elapsed;
        var used = (ProcCpu.Tree(box.ProcessId) ?? throw new InvalidOperationException("the box is gone")) - before;
        var failedChecks = verdict.GetProperty("results").EnumerateArray()
            .Where(r => !r.GetProperty("passed").GetBoolean())
            .Select(r => $"{r.GetProperty("check").GetString()}: {r.GetProperty("reason").GetString()}")
            .ToList();
        var stages = await StagesAsync(box, ct);
        return new RunFigures(elapsed, used.Children, used.Own, ffmpegPeak, boxPeak,
            new CheckOutcome(verdict.GetProperty("passed").GetBoolean(), failedChecks, stages));
    }

    /// <summary>The resumable upload as the phone's page does it: 8 MiB chunks, each with its offset.</summary>
    private static async Task UploadAsync(HttpClient phone, string path, string video, CancellationToken ct)
    {
        await using var file = File.OpenRead(video);
        var buffer = new byte[8 << 20];
        long offset = 0;
        string? state = null;
        while (true)
        {
            var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (read == 0)
                break;
            using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new ByteArrayContent(buffer, 0, read) };
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
            using var response = await phone.SendAsync(request, ct);
            var body = await JsonAsync(response, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"chunk at {offset} refused ({(int)response.StatusCode}): {body}");
            state = body.GetProperty("state").GetString();
            offset += read;
        }

        if (state != "complete")
            throw new InvalidOperationException($"the upload ended '{state}', not complete");
    }

    /// <summary>The box's own account of the check, from its log line "Inspection job N checked …, total …".</summary>
    private static async Task<string?> StagesAsync(BoxTarget box, CancellationToken ct)
    {
        for (var i = 0; i < 20; i++)
        {
            var log = await File.ReadAllTextAsync(box.LogPath, ct);
            var matches = CheckedLine().Matches(log);
            if (matches.Count > 0)
                return matches[^1].Groups["stages"].Value.Trim();
            await Task.Delay(Poll, ct);
        }

        return null;
    }

    private static async Task<string> FfmpegVersionAsync(CancellationToken ct)
    {
        var words = (await Tool.RunAsync("ffmpeg", ["-version"], "tell its version", ct)).Split('\n')[0].Split(' ');
        return words.Length > 2 ? words[2] : string.Join(' ', words);
    }

    private static async Task<HttpResponseMessage> AdminAsync(HttpClient admin, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Hall-Admin", "1");
        return await admin.SendAsync(request, ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} with no JSON: {text}");
        }
    }

    [GeneratedRegex(@"Inspection job \d+ checked \(passed: \w+\), (?<stages>total [^\n]*)")]
    private static partial Regex CheckedLine();
}

/// <summary>One timed run: wall time, CPU of the children (ffmpeg) and of the box itself, peak memory in MiB.</summary>
internal sealed record RunFigures(TimeSpan Elapsed, double ChildCpuSeconds, double OwnCpuSeconds, double FfmpegPeakMiB, double? BoxPeakMiB, CheckOutcome? Outcome)
{
    public double CpuSeconds => ChildCpuSeconds + OwnCpuSeconds;
}

/// <summary>The verdict of a benchmark check and the box's stage times.</summary>
internal sealed record CheckOutcome(bool Passed, IReadOnlyList<string> FailedChecks, string? Stages);
