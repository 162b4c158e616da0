using Hall.Contract;

namespace Hall.Queue;

/// <summary>The answer to an admin change: an error a person can act on, or the counter's new state where there is one.</summary>
public sealed record QueueAdminResult(ErrorBody? Error, CounterStateMessage? Counter = null)
{
    public bool Ok => Error is null;
}
