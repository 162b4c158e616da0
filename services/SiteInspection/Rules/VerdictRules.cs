namespace Hall.SiteInspection.Rules;

/// <summary>
/// Where an inspection video passes or fails (plain logic): each inspection point's key frame, the item's minimum
/// length, and the whole-video checks; for an online rectification, only the points that failed before must be
/// re-filmed, and the points that passed then still count.
/// </summary>
public static class VerdictRules
{
    /// <summary>The result of one inspection point from its key frame and the stretches the whole-video checks found.</summary>
    public static CheckResult Checkpoint(Checkpoint point, CheckpointEvidence? evidence, TimeSpan duration, IReadOnlyList<CheckResult> wholeVideo)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(wholeVideo);
        CheckResult Fail(string why, TimeSpan? at = null) => new(CheckNames.Checkpoint, false, at, at, $"踏勘要点“{point.Name}”:{why}") { Checkpoint = point.Code };

        if (evidence?.MarkedAt is not { } at)
        {
            return Fail("上传时未标出该要点在视频中的时间");
        }

        if (at < TimeSpan.Zero || at > duration || !evidence.Extracted)
        {
            return Fail($"标出的时间 {WatermarkCheck.Clock(at)} 超出视频长度 {WatermarkCheck.Clock(duration)}", at);
        }

        var problems = new List<string>();
        if (evidence.Dark)
        {
            problems.Add("画面过暗");
        }

        if (evidence.Overexposed)
        {
            problems.Add("画面过亮");
        }

        if (evidence.Blurred)
        {
            problems.Add("画面模糊");
        }

        if (wholeVideo.FirstOrDefault(r => !r.Passed && r.Check == CheckNames.Frozen && r.From <= at && at <= r.To) is not null)
        {
            problems.Add("画面静止");
        }

        if (point.PersonRequired && evidence.Faces is 0)
        {
            problems.Add("该要点需本人出镜,画面中未见人脸");
        }

        return problems.Count > 0
            ? Fail($"{WatermarkCheck.Clock(at)} {string.Join("、", problems)},须“{point.MustShow}”", at)
            : new CheckResult(CheckNames.Checkpoint, true, at, at, $"踏勘要点“{point.Name}”:{WatermarkCheck.Clock(at)} 画面清晰") { Checkpoint = point.Code };
    }

    /// <summary>
    /// The verdict. <paramref name="previous"/> is the verdict of the inspection this upload rectifies, or null for a
    /// first upload: then every point must be shown and the video must be long enough; for a rectification only the
    /// points that failed before.
    /// </summary>
    public static InspectionVerdict Decide(InspectionRule rule, TimeSpan duration, IReadOnlyList<CheckResult> wholeVideo, IReadOnlyList<CheckpointEvidence> evidence, InspectionVerdict? previous)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(wholeVideo);
        ArgumentNullException.ThrowIfNull(evidence);
        var results = new List<CheckResult>(wholeVideo);

        // A file that cannot be read has no points to look at.
        if (wholeVideo.Any(r => r.Check == CheckNames.Probe && !r.Passed))
        {
            return new InspectionVerdict(false, results, rule.Checkpoints.Select(c => c.Code).ToList());
        }

        var toFilm = previous is null ? rule.Checkpoints : rule.Checkpoints.Where(c => previous.FailedCheckpoints.Contains(c.Code)).ToList();
        if (previous is null)
        {
            results.Add(duration >= rule.MinimumDuration
                ? new CheckResult(CheckNames.Duration, true, null, null, $"视频时长 {WatermarkCheck.Clock(duration)},不少于 {WatermarkCheck.Clock(rule.MinimumDuration)}")
                : new CheckResult(CheckNames.Duration, false, null, null, $"视频时长 {WatermarkCheck.Clock(duration)},短于该事项要求的 {WatermarkCheck.Clock(rule.MinimumDuration)},请完整拍摄全部踏勘要点"));
        }
        else
        {
            results.AddRange(previous.Results
                .Where(r => r is { Check: CheckNames.Checkpoint, Passed: true } && !toFilm.Any(c => c.Code == r.Checkpoint))
                .Select(r => r with { Reason = r.Reason + "(首次上传已通过)", From = null, To = null }));
        }

        foreach (var point in toFilm)
        {
            results.Add(Checkpoint(point, evidence.FirstOrDefault(e => e.Code == point.Code), duration, wholeVideo));
        }

        var failedPoints = results.Where(r => r is { Check: CheckNames.Checkpoint, Passed: false }).Select(r => r.Checkpoint!).Distinct().ToList();
        return new InspectionVerdict(results.All(r => r.Passed), results, failedPoints);
    }
}
