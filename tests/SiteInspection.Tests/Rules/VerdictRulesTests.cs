using Hall.SiteInspection.Rules;

namespace Hall.SiteInspection.Tests.Rules;

public sealed class VerdictRulesTests
{
    private static readonly InspectionRule Food = InspectionCatalogue.Defaults.Single(r => r.ItemCode == "B-SP-001");
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(90);

    private static CheckpointEvidence Good(string code, int second) => new(code, TimeSpan.FromSeconds(second), true, false, false, false, 1);

    private static List<CheckpointEvidence> AllGood() => Food.Checkpoints.Select((c, i) => Good(c.Code, 10 + (i * 15))).ToList();

    private static readonly CheckResult[] CleanVideo = [new(CheckNames.Probe, true, null, null, "ok"), new(CheckNames.Frozen, true, null, null, "ok")];

    [Fact]
    public void Every_point_shown_clearly_in_a_long_enough_video_passes()
    {
        var verdict = VerdictRules.Decide(Food, Length, CleanVideo, AllGood(), previous: null);

        Assert.True(verdict.Passed, string.Join("; ", verdict.Reasons));
        Assert.Empty(verdict.FailedCheckpoints);
        Assert.Equal(Food.Checkpoints.Count, verdict.Results.Count(r => r.Check == CheckNames.Checkpoint));
    }

    [Fact]
    public void A_dark_point_an_unmarked_point_and_a_point_inside_a_frozen_stretch_fail_each_with_its_reason()
    {
        var evidence = AllGood();
        evidence[1] = evidence[1] with { Dark = true };
        evidence.RemoveAt(2);
        var frozen = new CheckResult(CheckNames.Frozen, false, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60), "静止");

        var verdict = VerdictRules.Decide(Food, Length, [CleanVideo[0], frozen], evidence, previous: null);

        Assert.False(verdict.Passed);
        Assert.Equal(["processing", "washing", "storage"], verdict.FailedCheckpoints);
        Assert.Contains(verdict.Reasons, r => r.Contains("食品处理区", StringComparison.Ordinal) && r.Contains("画面过暗", StringComparison.Ordinal));
        Assert.Contains(verdict.Reasons, r => r.Contains("清洗消毒设施", StringComparison.Ordinal) && r.Contains("未标出", StringComparison.Ordinal));
        Assert.Contains(verdict.Reasons, r => r.Contains("冷藏冷冻", StringComparison.Ordinal) && r.Contains("画面静止", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shopfront_needs_the_applicant_in_the_picture()
    {
        var evidence = AllGood();
        evidence[0] = evidence[0] with { Faces = 0 };

        var verdict = VerdictRules.Decide(Food, Length, CleanVideo, evidence, previous: null);

        Assert.Equal(["exterior"], verdict.FailedCheckpoints);
        Assert.Contains("本人出镜", verdict.Reasons.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_video_shorter_than_the_item_asks_fails()
    {
        var verdict = VerdictRules.Decide(Food, TimeSpan.FromSeconds(40), CleanVideo, AllGood().Take(2).ToList(), previous: null);

        Assert.Contains(verdict.Results, r => r is { Check: CheckNames.Duration, Passed: false });
    }

    [Fact]
    public void A_rectification_refilms_only_the_failed_points_and_keeps_the_passed_ones()
    {
        var first = AllGood();
        first[3] = first[3] with { Blurred = true };
        var before = VerdictRules.Decide(Food, Length, CleanVideo, first, previous: null);
        Assert.Equal(["storage"], before.FailedCheckpoints);

        var after = VerdictRules.Decide(Food, TimeSpan.FromSeconds(12), CleanVideo, [Good("storage", 5)], previous: before);

        Assert.True(after.Passed, string.Join("; ", after.Reasons));
        Assert.Equal(Food.Checkpoints.Count, after.Results.Count(r => r.Check == CheckNames.Checkpoint));
        Assert.Contains(after.Results, r => r.Reason.Contains("首次上传已通过", StringComparison.Ordinal));
        Assert.DoesNotContain(after.Results, r => r.Check == CheckNames.Duration);
    }

    [Fact]
    public void An_unreadable_file_fails_every_point_at_once()
    {
        var verdict = VerdictRules.Decide(Food, TimeSpan.Zero, [new(CheckNames.Probe, false, null, null, "文件不完整")], [], previous: null);

        Assert.False(verdict.Passed);
        Assert.Equal(Food.Checkpoints.Count, verdict.FailedCheckpoints.Count);
        Assert.Equal(["文件不完整"], verdict.Reasons);
    }
}
