namespace Hall.Store.Writer;

/// <summary>One listener as /metrics and /healthz show it.</summary>
public sealed record ListenerStatus(string Name, long Backlog, long Delivered, long Retries, long DeadLetters)
{
    /// <summary>Far enough behind that staff should know: the hall sees (or the reports hold) old news.</summary>
    public bool IsBehind => Backlog >= EventDispatcher.BehindAfter || DeadLetters > 0;
}
