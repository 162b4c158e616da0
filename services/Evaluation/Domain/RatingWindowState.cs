namespace Hall.Evaluation.Domain;

/// <summary>A finished service waits for its rating, was rated, or timed out ("not rated").</summary>
public enum RatingWindowState
{
    Open,
    Rated,
    TimedOut,
}
