using System.Text.Json;
using Hall.Contract;

namespace Hall.Evaluation.CountySupervision;

/// <summary>What a 督办 message must carry and what an answer must be: plain checks, each failure an error a person can act on.</summary>
public static class SupervisionRules
{
    public const int MaxAnswerLength = 1000;

    /// <summary>The 督办 in a supervision message's data, or null when it lacks its id, case, text or deadline.</summary>
    public static (string Id, string CaseId, string Text, DateTimeOffset Deadline, string? SentBy)? Read(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object
            || Str(data, "supervisionId") is not { Length: <= 64 } id
            || Str(data, "caseId") is not { Length: <= 64 } caseId
            || Str(data, "text") is not { Length: <= 2000 } text
            || !data.TryGetProperty("deadline", out var d) || d.ValueKind != JsonValueKind.String || !d.TryGetDateTimeOffset(out var deadline))
        {
            return null;
        }

        return (id, caseId, text, deadline, Str(data, "sentBy"));
    }

    /// <summary>Null when <paramref name="text"/> may answer <paramref name="supervision"/>; else why not.</summary>
    public static ErrorBody? CheckAnswer(Supervision? supervision, string? text)
    {
        if (supervision is null)
        {
            return new ErrorBody(ErrorCodes.UnknownSupervision, "没有这条县级督办,请刷新页面后重试。");
        }

        if (supervision.Answered)
        {
            return new ErrorBody(ErrorCodes.SupervisionAnswered, $"这条督办已由 {supervision.AnsweredByName ?? supervision.AnsweredBy} 答复,不能重复答复。");
        }

        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return new ErrorBody(ErrorCodes.MissingField, "请填写答复内容:回访和整改的情况 (text)。");
        }

        if (trimmed.Length > MaxAnswerLength)
        {
            return new ErrorBody(ErrorCodes.InvalidField, $"答复内容不能超过 {MaxAnswerLength} 个字,请精简后再提交 (text)。");
        }

        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { } s && s.Trim().Length > 0 ? s.Trim() : null;
}
