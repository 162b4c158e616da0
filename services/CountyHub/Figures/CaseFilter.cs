namespace Hall.CountyHub.Figures;

/// <summary>What the 差评回访 list keeps: one hall, a state (a case state, or "open" for every unfinished one), overdue only.</summary>
public sealed record CaseFilter(string? BoxId, string? State, bool OverdueOnly);
