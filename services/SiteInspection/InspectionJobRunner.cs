using Hall.Contract.Identity;
using Hall.SiteInspection.Analysis;
using Hall.SiteInspection.Evidence;
using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Ocr;
using Hall.SiteInspection.Rules;
using Hall.Store.Alerts;
using Hall.Vision;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection;

/// <summary>
/// Checks one uploaded video: ffprobe, one decoding pass (dark, over-exposed, frozen, blur, repeated, spliced, the
/// watermark strips, the samples at the inspection points), OCR of the watermark, the key frames at the points, a face
/// where the rules ask for a person, the verdict, and the signed evidence pack into the outbox. Work is idempotent: a
/// job cut by a restart runs again and replaces what it wrote.
/// </summary>
public sealed class InspectionJobRunner(
    InspectionStore store,
    VideoProber prober,
    AnalysisPass pass,
    KeyFrameExtractor extractor,
    InspectionModels models,
    BoxKey signer,
    IHallPublisher publisher,
    AlertBoard alerts,
    HallClock clock,
    TimeProvider time,
    Hall.Store.Disk.DiskBudget budget,
    ILogger<InspectionJobRunner> logger,
    IOptions<SiteInspectionOptions> options) : IInspectionJobRunner
{
    // Released when the check ends; the lifetime only guards against a reservation nothing ends.
    private static readonly TimeSpan ScratchLifetime = TimeSpan.FromDays(1);

    public async Task RunAsync(InspectionJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        var (application, _) = store.Application(job.ApplicationId)
            ?? throw new PermanentJobFailureException($"申请 {job.ApplicationId} 不存在,无法核查");
        var rule = store.Rule(application.ItemCode)
            ?? throw new PermanentJobFailureException($"事项 {application.ItemCode} 没有踏勘规则,请先由县级中心下发");
        var (marks, rectificationOf) = store.Marks(job.UploadId);
        var previous = rectificationOf is null ? null : store.Verdict(rectificationOf)?.Verdict;
        var work = Path.Combine(options.Value.WorkDirectory, $"job-{job.Id}");
        var timings = new CheckTimings(time);
        try
        {
            progress.Report(new JobProgress(5, "读取视频信息"));
            var probe = await prober.ProbeAsync(job.VideoPath, cancellationToken);
            timings.Probed();
            InspectionVerdict verdict;
            var keyFrameEvidence = new List<KeyFrameEvidence>();
            if (!probe.Usable)
            {
                verdict = VerdictRules.Decide(rule, TimeSpan.Zero, [probe.Check], [], previous);
            }
            else
            {
                (verdict, keyFrameEvidence) = await CheckAsync(job, probe.Video!, probe.Check, rule, application, marks, previous, work, progress, timings, cancellationToken);
            }

            progress.Report(new JobProgress(95, "生成核查结论"));
            await RecordAsync(job, application, rule, rectificationOf, probe.Video, verdict, keyFrameEvidence, cancellationToken);
            timings.Recorded();
            if (logger.IsEnabled(LogLevel.Information))
            {
                Log.Checked(logger, job.Id, verdict.Passed, timings.ToString());
            }
        }
        catch (Exception ex) when (ex is OcrModelException or FaceModelException)
        {
            // Retrying will not bring the model back: the job waits for a technician, who can queue it again.
            throw new PermanentJobFailureException($"核查所需的模型不可用:{ex.Message}", ex);
        }
        finally
        {
            budget.Release(ScratchId(job.Id));
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private async Task<(InspectionVerdict, List<KeyFrameEvidence>)> CheckAsync(
        InspectionJob job,
        VideoInfo video,
        CheckResult probe,
        InspectionRule rule,
        InspectionApplication application,
        IReadOnlyDictionary<string, double> marks,
        InspectionVerdict? previous,
        string work,
        IProgress<JobProgress> progress,
        CheckTimings timings,
        CancellationToken cancellationToken)
    {
        // The watermark is read strip by strip while ffmpeg decodes, on the cores decoding leaves idle.
        var watermark = new WatermarkReadings(models.Ocr, options.Value.MinTextConfidence, time);
        void OnStrip(StripPosition position, TimeSpan at, ReadOnlySpan<byte> rgb, int width, int height)
        {
            watermark.Read(position, at, rgb, width, height);
            var done = video.Duration > TimeSpan.Zero ? Math.Clamp(at / video.Duration, 0, 1) : 0;
            progress.Report(new JobProgress(10 + (int)(75 * done), "逐帧检查画面并识别水印"));
        }

        EnsureScratch(job.Id, work, pass.ScratchBytes(video));
        progress.Report(new JobProgress(10, "逐帧检查画面并识别水印"));
        using var report = await pass.RunAsync(job.VideoPath, video, work, onSample: null, OnStrip, cancellationToken);
        timings.Decoded(watermark);
        var whole = new List<CheckResult> { probe };
        whole.AddRange(report.Checks);
        whole.AddRange(WatermarkCheck.Evaluate(watermark.Readings(), application));

        progress.Report(new JobProgress(85, "提取踏勘要点关键帧"));
        var evidence = new List<CheckpointEvidence>();
        var keyFrames = new List<KeyFrameEvidence>();
        var toFilm = previous is null ? rule.Checkpoints : rule.Checkpoints.Where(c => previous.FailedCheckpoints.Contains(c.Code)).ToList();
        foreach (var point in toFilm)
        {
            if (!marks.TryGetValue(point.Code, out var seconds))
            {
                continue;
            }

            var at = TimeSpan.FromSeconds(seconds);
            // Where the rules ask for a person, the face model looks at the point's own frame.
            var faceSide = point.PersonRequired ? models.FaceInputSize : (int?)null;
            var frame = at <= video.Duration ? await extractor.ExtractAsync(job.VideoPath, video, at, work, cancellationToken, faceSide) : null;
            int? faces = null;
            if (point.PersonRequired && frame is not null)
            {
                // The face copy comes from the same ffmpeg run as the JPEG; without it no person can be confirmed.
                faces = frame.ForFaces is { } picture ? models.CountFaces(picture, options.Value.MinFaceScore) : 0;
            }

            evidence.Add(new CheckpointEvidence(point.Code, at, frame is not null, frame?.IsDark ?? false, frame?.IsOverexposed ?? false, frame?.IsBlurred ?? false, faces));
            if (frame is not null)
            {
                keyFrames.Add(new KeyFrameEvidence(point.Code, at, Convert.ToBase64String(frame.Jpeg), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(frame.Jpeg))));
            }
        }

        timings.KeyFramesTaken();
        return (VerdictRules.Decide(rule, video.Duration, whole, evidence, previous), keyFrames);
    }

    /// <summary>
    /// A disk that fills during the pass would make ffmpeg stop part-way, and the applicant would be told the video
    /// is damaged: a check that cannot have its scratch space fails as a run instead (retried later), and says why.
    /// The space is reserved in the box's disk budget (so uploads do not take it meanwhile) until the check ends.
    /// </summary>
    private void EnsureScratch(long jobId, string work, long needed)
    {
        Directory.CreateDirectory(work);
        var room = budget.TryReserve(ScratchId(jobId), owner: null, needed, ScratchLifetime);
        if (!room.Ok)
        {
            throw new IOException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"核查需要约 {needed >> 20} MB 临时空间({work}),盒子磁盘现在只能再用 {Math.Max(0, room.Headroom) >> 20} MB:请清理磁盘后重新核查"));
        }
    }

    private static string ScratchId(long jobId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"inspection-scratch:{jobId}");

    private async Task RecordAsync(
        InspectionJob job,
        InspectionApplication application,
        InspectionRule rule,
        string? rectificationOf,
        VideoInfo? video,
        InspectionVerdict verdict,
        List<KeyFrameEvidence> keyFrames,
        CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var inspectionId = $"I-{job.Id}";
        var pack = new EvidencePack
        {
            InspectionId = inspectionId,
            ApplicationId = application.Id,
            HallId = publisher.HallId,
            ItemCode = rule.ItemCode,
            RuleVersion = rule.Version,
            RectificationOf = rectificationOf,
            VideoSha256 = job.Sha256,
            VideoBytes = new FileInfo(job.VideoPath).Length,
            Duration = video?.Duration ?? TimeSpan.Zero,
            Container = video?.Container,
            Codec = video?.VideoCodec,
            Width = video?.Width ?? 0,
            Height = video?.Height ?? 0,
            FrameRate = video?.FrameRate ?? 0,
            Passed = verdict.Passed,
            Checks = verdict.Results,
            FailedCheckpoints = verdict.FailedCheckpoints,
            KeyFrames = keyFrames,
            CheckedAt = now,
        };
        var signed = SignedPack.Of(pack, signer);
        store.SaveVerdict(
            new StoredVerdict(inspectionId, application.Id, job.UploadId, rectificationOf, verdict, job.VideoPath, job.Sha256, now + options.Value.VideoRetention, now),
            HallJson.SerializeToString(signed),
            now);
        if (!verdict.Passed)
        {
            await alerts.RaiseAsync(
                new AlertMessage
                {
                    Ts = now,
                    Type = AlertTypes.InspectionFailed,
                    Message = $"云踏勘未通过:{application.Applicant}({rule.ItemName}),{string.Join(";", verdict.Reasons.Take(3))}",
                },
                cancellationToken);
        }
    }
}
