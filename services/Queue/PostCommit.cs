using Hall.Contract;
using Hall.Contract.Events;

namespace Hall.Queue;

/// <summary>
/// The publishing owed by one command. Enqueued by the writer in apply order (= commit order); the publisher
/// waits for <see cref="Committed"/> before sending anything, and skips the item when the commit failed.
/// </summary>
internal sealed class PostCommit
{
    public IReadOnlyList<CounterStateMessage> CounterStates { get; set; } = [];

    public IReadOnlyList<HallEvent> Events { get; set; } = [];

    public bool Enqueued { get; set; }

    public TaskCompletionSource<bool> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Published { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
