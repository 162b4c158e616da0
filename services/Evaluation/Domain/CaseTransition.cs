namespace Hall.Evaluation.Domain;

/// <summary>The result of a step on a case: the case after it, or why it was refused (then nothing changed).</summary>
public sealed record CaseTransition(BadReviewCase? Case, ErrorBody? Error);
