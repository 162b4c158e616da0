using Hall.Contract.Events;

namespace Hall.Evaluation;

/// <summary>
/// The publishing owed by one command, enqueued by the writer in apply order (= commit order). The publisher waits
/// for <see cref="Committed"/> and skips the item when the commit failed.
/// </summary>
internal sealed class PostCommit
{
    public IReadOnlyList<Publication> Publications { get; set; } = [];

    /// <summary>Domain events for the event bus, in the order the command raised them.</summary>
    public IReadOnlyList<HallEvent> Events { get; set; } = [];

    public bool Enqueued { get; set; }

    public TaskCompletionSource<bool> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Published { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
