using Hall.Evaluation.Domain;

namespace Hall.Evaluation;

/// <summary>Which cases a list shows; every field optional.</summary>
public sealed record CaseFilter
{
    public CaseState? State { get; init; }

    public string? Counter { get; init; }

    /// <summary>Only cases past a deadline of the step they wait for.</summary>
    public bool OverdueOnly { get; init; }

    public int Limit { get; init; } = 200;
}
