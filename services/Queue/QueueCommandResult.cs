using Hall.Queue.Domain;

namespace Hall.Queue;

/// <summary>What the writer hands back for one command: the reply (first one, for a repeated requestId) and the outcome.</summary>
internal sealed record QueueCommandResult(object? Reply, QueueOutcome? Outcome, bool Repeated);
