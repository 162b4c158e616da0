namespace Hall.Evaluation.Domain;

/// <summary>One recorded step of a case: what, who, when, a note, and the state before and after.</summary>
public sealed record CaseStep(string Action, string Who, DateTimeOffset At, string? Note, CaseState From, CaseState To);
