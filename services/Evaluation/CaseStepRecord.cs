using Hall.Evaluation.Domain;

namespace Hall.Evaluation;

/// <summary>One step of a bad-review case as reported to the county hub (outbox type BadReviewCase): the step and the case after it.</summary>
public sealed record CaseStepRecord(DateTimeOffset Ts, CaseStep Step, BadReviewCase Case);
