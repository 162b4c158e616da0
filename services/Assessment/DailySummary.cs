namespace Hall.Assessment;

/// <summary>
/// Outbox type AssessmentDaily: one counter's or one staff member's figures for a closed day. A later change to that
/// day's facts (a late rating, a case step, an accepted appeal) sends the day again with the next revision; the hub
/// keeps the highest revision per (day, scope, key).
/// </summary>
public sealed record DailySummary(DateOnly Day, int Revision, string Scope, KpiRow Kpi);
