using Hall.Queue.Domain;
using Hall.Store.Writer;

namespace Hall.Queue;

/// <summary>
/// One unit of work for the box's writer. <see cref="Run"/> is the domain command (run inside the write transaction,
/// so numbering and calling are atomic); <see cref="Reply"/> turns its outcome into the answer that is logged under the
/// requestId and returned. The queue's own work inside the transaction is <see cref="QueueService"/>'s.
/// </summary>
internal sealed class QueueCommand : WriteCommand
{
    private readonly QueueService _queue;

    public QueueCommand(QueueService queue, string name, string? deviceId, string? requestId, Func<QueueEngine, DateTimeOffset, QueueOutcome> run, Func<QueueOutcome, DateTimeOffset, object>? reply = null)
        : base(name, deviceId, requestId)
    {
        _queue = queue;
        Run = run;
        Reply = reply;
    }

    public Func<QueueEngine, DateTimeOffset, QueueOutcome> Run { get; }

    public Func<QueueOutcome, DateTimeOffset, object>? Reply { get; }

    /// <summary>What the domain command did; null for a repeated request (its first reply is returned instead).</summary>
    public QueueOutcome? Outcome { get; set; }

    public override IWriteParticipant Participant => _queue;

    public override object? Apply(WriteContext context) => _queue.Apply(context, this);

    public override object ReadLoggedReply(string json) => QueueService.ParseReply(Name, json);
}
