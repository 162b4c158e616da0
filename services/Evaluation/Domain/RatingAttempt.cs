namespace Hall.Evaluation.Domain;

/// <summary>
/// A rating as the rules see it: the channel, the counter it came from (the evaluator's or tablet's bound counter,
/// or the staff member's; null for QR and web), and what the person chose.
/// </summary>
public sealed record RatingAttempt(string Channel, string? Counter, int? Level, IReadOnlyList<string>? Reasons, string? Comment);
