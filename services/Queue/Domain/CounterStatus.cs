namespace Hall.Queue.Domain;

/// <summary>A counter's state as the hall sees it.</summary>
public enum CounterStatus
{
    Open,
    Paused,
    Closed,
}
