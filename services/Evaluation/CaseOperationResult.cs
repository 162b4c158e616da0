using Hall.Evaluation.Domain;

namespace Hall.Evaluation;

/// <summary>The answer to a case step from a page: the case after it, or the refusal (then nothing changed).</summary>
public sealed record CaseOperationResult(BadReviewCase? Case, ErrorBody? Error);
