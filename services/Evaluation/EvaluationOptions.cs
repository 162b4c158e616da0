using System.ComponentModel.DataAnnotations;
using Hall.Evaluation.Domain;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

/// <summary>
/// The evaluation settings, section "Evaluation", set per county (provinces differ in their deadlines).
/// Validated at start by <see cref="EvaluationOptionsValidator"/> and <see cref="EvaluationOptionsSemanticValidator"/>; docs/evaluation.md lists them.
/// </summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// <summary>How long after <c>finish</c> a rating is accepted; then the service is recorded as "not rated".</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RatingWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>回访 deadline in working days after the day a bad review came in.</summary>
    [Range(1, 60)]
    public int CallbackWorkingDays { get; set; } = 1;

    /// <summary>整改 deadline in working days after the day a bad review came in.</summary>
    [Range(1, 120)]
    public int RectifyWorkingDays { get; set; } = 15;

    /// <summary>When true, a rating may carry the person's name and phone (kept on the box, masked everywhere else).</summary>
    public bool RealNameRating { get; set; }

    /// <summary>Reasons a person picks for a level 1–2 rating. Empty: the default list.</summary>
    [ValidateEnumeratedItems]
    public List<RatingReasonOption> ReasonList { get; set; } = [];

    /// <summary>When true, <see cref="EvaluationService.MustWaitForRating"/> tells the queue to hold "next" until the last service is rated or timed out.</summary>
    public bool RequireRatingBeforeNext { get; set; }

    /// <summary>How often open rating windows are checked for their timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WindowCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often open cases are checked against their deadlines.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The usual 差评 reasons of the national 好差评 system.</summary>
    public static IReadOnlyList<RatingReasonOption> DefaultReasons { get; } =
    [
        new() { Code = "attitude", Text = "服务态度不好" },
        new() { Code = "slow", Text = "办事效率低" },
        new() { Code = "long-wait", Text = "排队等候时间长" },
        new() { Code = "not-told-once", Text = "未一次性告知" },
        new() { Code = "extra-materials", Text = "要求提供不必要的材料" },
        new() { Code = "repeat-visits", Text = "多次跑腿" },
        new() { Code = "unclear-guide", Text = "办事指南不清楚" },
        new() { Code = "system", Text = "系统或设备故障" },
        new() { Code = "other", Text = "其他" },
    ];

    /// <summary>The reasons in force: <see cref="ReasonList"/>, or the default list when none are configured.</summary>
#pragma warning disable SYSLIB1213 // Derived from ReasonList, which is the one checked.
    public IReadOnlyList<RatingReasonOption> Reasons => ReasonList.Count > 0 ? ReasonList : DefaultReasons;
#pragma warning restore SYSLIB1213
}
