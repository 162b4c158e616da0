namespace Hall.Evaluation.Domain;

/// <summary>
/// The follow-up of one 差评 (level 1–2): open → called-back → rectified → closed, with a call-back and a
/// rectification deadline in working days. Before rectification the hall may appeal once (mistaken or malicious);
/// a county operator accepts (final) or rejects it (back where it was; the deadlines never stop). After
/// rectification the person may rate once more. Every step is kept with who and when. Immutable: each step
/// returns the changed case or an error, and a refused step changes nothing.
/// The person's name and phone appear here only masked.
/// </summary>
public sealed record BadReviewCase
{
    public const int MaxNoteLength = 1000;

    public required string CaseId { get; init; }

    public required string RatingId { get; init; }

    public required string ServiceId { get; init; }

    public required string TicketNo { get; init; }

    public required string Counter { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public string? ServiceItem { get; init; }

    public string? ServiceItemName { get; init; }

    public string? Department { get; init; }

    public string? CaseNumber { get; init; }

    public required int Level { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Masked (张**), only with real-name rating.</summary>
    public string? PersonName { get; init; }

    /// <summary>Masked (138****5678), only with real-name rating.</summary>
    public string? PersonPhone { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>回访 deadline: end of the Evaluation:CallbackWorkingDays-th working day after the day it opened.</summary>
    public required DateTimeOffset CallbackDue { get; init; }

    /// <summary>整改 deadline: end of the Evaluation:RectifyWorkingDays-th working day after the day it opened.</summary>
    public required DateTimeOffset RectifyDue { get; init; }

    public CaseState State { get; init; }

    /// <summary>While appealed: the state a rejected appeal returns to.</summary>
    public CaseState? StateBeforeAppeal { get; init; }

    /// <summary>Set once the hall appealed; a case is appealed at most once.</summary>
    public AppealKind? Appeal { get; init; }

    public bool CallbackOverdueAlerted { get; init; }

    public bool RectifyOverdueAlerted { get; init; }

    /// <summary>The person's one rating after rectification.</summary>
    public string? ReRatingId { get; init; }

    public int? ReRatingLevel { get; init; }

    public IReadOnlyList<CaseStep> Steps { get; init; } = [];

    /// <summary>A new case, with its opening step by the box.</summary>
    public BadReviewCase Opened(DateTimeOffset now) =>
        this with { State = CaseState.Open, Steps = [new CaseStep(CaseActions.Open, CaseActions.Box, now, null, CaseState.Open, CaseState.Open)] };

    public CaseTransition CallBack(string? who, string? note, DateTimeOffset now) =>
        Step(CaseActions.CallBack, who, note, now, noteRequired: true, [CaseState.Open], CaseState.CalledBack, "回访");

    public CaseTransition Rectify(string? who, string? note, DateTimeOffset now) =>
        Step(CaseActions.Rectify, who, note, now, noteRequired: true, [CaseState.CalledBack], CaseState.Rectified, "整改");

    public CaseTransition Close(string? who, string? note, DateTimeOffset now) =>
        Step(CaseActions.Close, who, note, now, noteRequired: false, [CaseState.Rectified], CaseState.Closed, "办结");

    public CaseTransition AppealAs(string? who, string? kind, string? note, DateTimeOffset now)
    {
        AppealKind parsed;
        switch (kind?.Trim().ToLowerInvariant())
        {
            case "mistaken":
                parsed = AppealKind.Mistaken;
                break;
            case "malicious":
                parsed = AppealKind.Malicious;
                break;
            case null or "":
                return Refused(ErrorCodes.MissingField, "申诉需说明类型 kind: mistaken (误评) 或 malicious (恶意差评)");
            default:
                return Refused(ErrorCodes.InvalidField, $"申诉类型 '{kind}' 无效,应为 mistaken (误评) 或 malicious (恶意差评)");
        }

        if (Appeal is not null)
        {
            return Refused(ErrorCodes.CaseState, $"案件 {CaseId} 已申诉过一次,不能再次申诉 (case state: {StateText(State)})");
        }

        var result = Step(CaseActions.Appeal, who, note, now, noteRequired: true, [CaseState.Open, CaseState.CalledBack], CaseState.Appealed, "申诉");
        return result.Case is null ? result : result with { Case = result.Case with { Appeal = parsed, StateBeforeAppeal = State } };
    }

    /// <summary>A county operator's decision on the appeal: accepted closes the case for good; rejected returns it to where it was.</summary>
    public CaseTransition DecideAppeal(string? countyOperator, bool accept, string? note, DateTimeOffset now)
    {
        if (accept)
        {
            return Step(CaseActions.AppealAccepted, countyOperator, note, now, noteRequired: true, [CaseState.Appealed], CaseState.AppealAccepted, "审核申诉");
        }

        var back = StateBeforeAppeal ?? CaseState.Open;
        var result = Step(CaseActions.AppealRejected, countyOperator, note, now, noteRequired: true, [CaseState.Appealed], back, "审核申诉");
        return result.Case is null ? result : result with { Case = result.Case with { StateBeforeAppeal = null } };
    }

    /// <summary>The person's one more rating after rectification (the level itself is checked by <see cref="RatingRules"/>).</summary>
    public CaseTransition ReRate(string ratingId, int level, string who, DateTimeOffset now)
    {
        if (ReRatingId is not null)
        {
            return Refused(ErrorCodes.AlreadyRated, $"案件 {CaseId} 整改后已再评价过一次 (already rated)");
        }

        if (State is not (CaseState.Rectified or CaseState.Closed) || !Steps.Any(s => s.Action == CaseActions.Rectify))
        {
            return Refused(ErrorCodes.CaseState, $"案件 {CaseId} 尚未整改 ({StateText(State)}),整改后才能再评价一次 (case state)");
        }

        var step = new CaseStep(CaseActions.ReRated, who, now, RatingRules.LevelName(level), State, State);
        return new CaseTransition(this with { ReRatingId = ratingId, ReRatingLevel = level, Steps = [.. Steps, step] }, null);
    }

    /// <summary>Deadline steps that are overdue at <paramref name="now"/> and not yet alerted: call-back-overdue, rectify-overdue.</summary>
    public IReadOnlyList<string> OverdueAt(DateTimeOffset now)
    {
        var overdue = new List<string>();
        if (State == CaseState.Open && now > CallbackDue && !CallbackOverdueAlerted)
        {
            overdue.Add(CaseActions.CallBackOverdue);
        }

        if ((State is CaseState.Open or CaseState.CalledBack) && now > RectifyDue && !RectifyOverdueAlerted)
        {
            overdue.Add(CaseActions.RectifyOverdue);
        }

        return overdue;
    }

    /// <summary>True when a deadline of the step the case waits for has passed (whether or not alerted).</summary>
    public bool IsOverdueAt(DateTimeOffset now) =>
        (State == CaseState.Open && now > CallbackDue) || ((State is CaseState.Open or CaseState.CalledBack) && now > RectifyDue);

    /// <summary>Records that the duty manager was alerted of an overdue step, so it is alerted once.</summary>
    public BadReviewCase MarkOverdue(string action, DateTimeOffset now)
    {
        var step = new CaseStep(action, CaseActions.Box, now, null, State, State);
        return action == CaseActions.CallBackOverdue
            ? this with { CallbackOverdueAlerted = true, Steps = [.. Steps, step] }
            : this with { RectifyOverdueAlerted = true, Steps = [.. Steps, step] };
    }

    public static string StateText(CaseState state) => state switch
    {
        CaseState.Open => "待回访 open",
        CaseState.CalledBack => "已回访待整改 called-back",
        CaseState.Rectified => "已整改待办结 rectified",
        CaseState.Closed => "已办结 closed",
        CaseState.Appealed => "申诉中 appealed",
        CaseState.AppealAccepted => "申诉成立 appeal-accepted",
        _ => state.ToString(),
    };

    private CaseTransition Step(string action, string? who, string? note, DateTimeOffset now, bool noteRequired, CaseState[] from, CaseState to, string what)
    {
        if (string.IsNullOrWhiteSpace(who))
        {
            return Refused(ErrorCodes.MissingField, $"{what}需记录操作人 (who)");
        }

        if (noteRequired && string.IsNullOrWhiteSpace(note))
        {
            return Refused(ErrorCodes.MissingField, $"{what}需填写说明 (note)");
        }

        if (note is { Length: > MaxNoteLength })
        {
            return Refused(ErrorCodes.InvalidField, $"说明最多 {MaxNoteLength} 字 (note too long)");
        }

        if (!from.Contains(State))
        {
            var allowed = string.Join(" / ", from.Select(StateText));
            return Refused(ErrorCodes.CaseState, $"案件 {CaseId} 当前为 {StateText(State)},不能{what};{what}只适用于 {allowed} (case state)");
        }

        var step = new CaseStep(action, who.Trim(), now, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), State, to);
        return new CaseTransition(this with { State = to, Steps = [.. Steps, step] }, null);
    }

    private static CaseTransition Refused(string code, string message) => new(null, new ErrorBody(code, message));
}
