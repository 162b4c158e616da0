namespace Hall.Evaluation.CountySupervision;

/// <summary>A 督办 from the county about a bad-review case, as the box keeps it, with the hall's answer once given.</summary>
public sealed record Supervision(
    string SupervisionId,
    string CaseId,
    string Text,
    DateTimeOffset Deadline,
    string? SentBy,
    DateTimeOffset? SentAt,
    DateTimeOffset ReceivedAt,
    string? AnsweredBy,
    string? AnsweredByName,
    string? AnswerText,
    DateTimeOffset? AnsweredAt)
{
    public bool Answered => AnsweredAt is not null;
}
