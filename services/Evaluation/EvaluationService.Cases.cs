using Hall.Evaluation.Domain;
using Hall.Evaluation.Persistence;
using Hall.Store;

namespace Hall.Evaluation;

/// <summary>The follow-up of bad reviews (差评回访整改) for the admin page and the county hub.</summary>
public sealed partial class EvaluationService
{
    /// <summary>回访: the person was called back. <paramref name="note"/> says what they said.</summary>
    public Task<CaseOperationResult> CallBackAsync(string caseId, string who, string? note, CancellationToken ct = default) =>
        CaseStepAsync(caseId, (c, now) => c.CallBack(who, note, now), ct);

    /// <summary>整改: what was put right. The person may then rate once more.</summary>
    public Task<CaseOperationResult> RectifyAsync(string caseId, string who, string? note, CancellationToken ct = default) =>
        CaseStepAsync(caseId, (c, now) => c.Rectify(who, note, now), ct);

    public Task<CaseOperationResult> CloseAsync(string caseId, string who, string? note = null, CancellationToken ct = default) =>
        CaseStepAsync(caseId, (c, now) => c.Close(who, note, now), ct);

    /// <summary>申诉: the hall holds the rating mistaken or malicious (<paramref name="kind"/> mistaken|malicious); once per case, before rectification.</summary>
    public Task<CaseOperationResult> AppealAsync(string caseId, string who, string? kind, string? note, CancellationToken ct = default) =>
        CaseStepAsync(caseId, (c, now) => c.AppealAs(who, kind, note, now), ct);

    /// <summary>A county operator's decision on an appeal. The caller has checked that <paramref name="countyOperator"/> is one.</summary>
    public Task<CaseOperationResult> DecideAppealAsync(string caseId, string countyOperator, bool accept, string? note, CancellationToken ct = default) =>
        CaseStepAsync(caseId, (c, now) => c.DecideAppeal(countyOperator, accept, note, now), ct);

    public BadReviewCase? GetCase(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        using var connection = _database.Open();
        return EvaluationStore.FindCase(connection, null, caseId.Trim());
    }

    /// <summary>Cases, newest first.</summary>
    public IReadOnlyList<BadReviewCase> ListCases(CaseFilter? filter = null)
    {
        filter ??= new CaseFilter();
        var now = _clock.Now();
        using var connection = _database.Open();
        return EvaluationStore.AllCases(connection)
            .Where(c => filter.State is null || c.State == filter.State)
            .Where(c => filter.Counter is null || c.Counter == filter.Counter)
            .Where(c => !filter.OverdueOnly || c.IsOverdueAt(now))
            .Take(Math.Max(1, filter.Limit))
            .ToList();
    }

    private async Task<CaseOperationResult> CaseStepAsync(string caseId, Func<BadReviewCase, DateTimeOffset, CaseTransition> step, CancellationToken ct)
    {
        var id = Blank(caseId) ?? "";
        try
        {
            var reply = await RunAsync(
                new EvaluationCommand(this, "case", null, null, (tx, now) =>
                {
                    if (EvaluationStore.FindCase(tx.Connection!, tx, id) is not { } found)
                    {
                        return EvaluationOutcome.Only(new CaseOperationResult(null, UnknownCase(id)));
                    }

                    var transition = step(found, now);
                    if (transition.Error is not null)
                    {
                        return EvaluationOutcome.Only(new CaseOperationResult(null, transition.Error));
                    }

                    return EvaluationOutcome.Only(new CaseOperationResult(SaveCaseStep(tx, transition.Case!, now), null));
                }),
                ct);
            return (CaseOperationResult)reply!;
        }
        catch (StoreUnavailableException ex)
        {
            return new CaseOperationResult(null, new ErrorBody(ErrorCodes.StoreUnavailable, $"盒子暂时无法保存,请稍后重试;本次操作未生效 ({ex.Message})"));
        }
    }
}
