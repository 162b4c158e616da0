namespace Hall.Evaluation.Domain;

/// <summary>
/// The rules of 好差评 at the counter, as pure checks: one rating per service (一次一评), only within the window after
/// finish, only from that counter's evaluator or tablet, the ticket's QR code or an authorised staff entry, levels 1–5,
/// and reasons from the hall's list for levels 1–2. A refusal is an <see cref="ErrorBody"/>; null means accepted.
/// </summary>
public static class RatingRules
{
    public const int LowestLevel = 1;

    public const int HighestLevel = 5;

    public const int MaxCommentLength = 500;

    /// <summary>不满意 (2) and 非常不满意 (1) are a 差评: they need reasons and open a follow-up case.</summary>
    public static bool IsBadReview(int level) => level is 1 or 2;

    public static string LevelName(int level) => level switch
    {
        5 => "非常满意",
        4 => "满意",
        3 => "基本满意",
        2 => "不满意",
        1 => "非常不满意",
        _ => "?",
    };

    /// <summary>Checks a rating of the service behind <paramref name="window"/> (null when there is none).</summary>
    public static ErrorBody? Check(
        RatingWindow? window,
        RatingAttempt attempt,
        DateTimeOffset now,
        IReadOnlyList<RatingReasonOption> reasonList,
        out IReadOnlyList<string> reasonCodes)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        reasonCodes = [];
        if (window is null)
        {
            return new ErrorBody(ErrorCodes.UnknownTicket, "没有该号已办结的服务可评价,请核对号票上的号码 (no finished service for this ticket)");
        }

        if (window.State == RatingWindowState.Rated)
        {
            return new ErrorBody(ErrorCodes.AlreadyRated, $"{window.TicketNo} 号的服务已评价过,每次服务只能评价一次 (一次一评; already rated)");
        }

        if (!window.AcceptsAt(now))
        {
            return new ErrorBody(ErrorCodes.RatingWindowClosed, $"{window.TicketNo} 号的评价时间已过 (办结后 {Minutes(window)} 分钟内可评价),已记为未评价;如有意见请联系值班长 (rating window closed)");
        }

        var counterBound = attempt.Channel is RatingChannels.Evaluator or RatingChannels.Tablet
            || (attempt.Channel == RatingChannels.StaffEntry && attempt.Counter is not null);
        if (counterBound && !string.Equals(attempt.Counter, window.Counter, StringComparison.Ordinal))
        {
            return new ErrorBody(ErrorCodes.NotThisCounter, $"{window.TicketNo} 号在 {window.Counter} 号窗口办理,只能由该窗口的评价器或扫号票二维码评价 (not this counter)");
        }

        return CheckChoice(attempt.Level, attempt.Reasons, attempt.Comment, reasonList, out reasonCodes, unspecifiedAllowed: attempt.Channel == RatingChannels.Evaluator);
    }

    /// <summary>Checks what the person chose: level 1–5, reasons from the list (required for 1–2), a comment of bounded length.</summary>
    public static ErrorBody? CheckChoice(
        int? level,
        IReadOnlyList<string>? reasons,
        string? comment,
        IReadOnlyList<RatingReasonOption> reasonList,
        out IReadOnlyList<string> reasonCodes,
        bool unspecifiedAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(reasonList);
        reasonCodes = [];
        if (level is null)
        {
            return new ErrorBody(ErrorCodes.MissingField, "缺少评价等级 level (5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意)");
        }

        if (level is < LowestLevel or > HighestLevel)
        {
            return new ErrorBody(ErrorCodes.InvalidLevel, $"评价等级 {level} 无效,应为 1–5 (5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; invalid level)");
        }

        var codes = new List<string>();
        foreach (var reason in reasons ?? [])
        {
            var trimmed = reason?.Trim() ?? "";
            if (unspecifiedAllowed && (trimmed == Unspecified.Code || trimmed == Unspecified.Text))
            {
                // An evaluator has five keys and no reason keys: the call-back (回访) asks the person why.
                codes.Add(Unspecified.Code);
                continue;
            }

            var match = reasonList.FirstOrDefault(r => r.Code == trimmed || r.Text == trimmed);
            if (match is null)
            {
                return new ErrorBody(ErrorCodes.InvalidField, $"不认识的原因 '{trimmed}';可选: {ListOf(reasonList)} (reasons)");
            }

            if (!codes.Contains(match.Code))
            {
                codes.Add(match.Code);
            }
        }

        if (IsBadReview(level.Value) && codes.Count == 0)
        {
            return new ErrorBody(ErrorCodes.ReasonsRequired, $"{LevelName(level.Value)}需选择至少一项原因: {ListOf(reasonList)} (reasons required)");
        }

        if (comment is { Length: > MaxCommentLength })
        {
            return new ErrorBody(ErrorCodes.InvalidField, $"意见最多 {MaxCommentLength} 字 (comment too long)");
        }

        reasonCodes = codes;
        return null;
    }

    /// <summary>The reason an evaluator device sends for a level 1–2 rating; accepted only from evaluators.</summary>
    public static RatingReasonOption Unspecified { get; } = new() { Code = "unspecified", Text = "未说明" };

    private static string ListOf(IReadOnlyList<RatingReasonOption> reasonList) => string.Join(", ", reasonList.Select(r => $"{r.Code} {r.Text}"));

    private static int Minutes(RatingWindow window) => (int)Math.Round((window.Until - window.FinishedAt).TotalMinutes);
}
