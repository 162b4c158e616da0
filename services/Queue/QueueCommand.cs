namespace Hall.Queue;

/// <summary>
/// One unit of work for the single writer. <see cref="Run"/> is the domain command (run inside the write
/// transaction, so numbering and calling are atomic); <see cref="Reply"/> turns its outcome into the answer that is
/// logged under the requestId and returned.
/// </summary>
internal sealed class QueueCommand
{
    public QueueCommand(string name, string? deviceId, string? requestId, Func<QueueEngine, DateTimeOffset, QueueOutcome> run, Func<QueueOutcome, DateTimeOffset, object>? reply = null)
    {
        Name = name;
        DeviceId = deviceId;
        RequestId = requestId;
        Run = run;
        Reply = reply;
    }

    public string Name { get; }

    public string? DeviceId { get; }

    public string? RequestId { get; }

    public Func<QueueEngine, DateTimeOffset, QueueOutcome> Run { get; }

    public Func<QueueOutcome, DateTimeOffset, object>? Reply { get; }

    /// <summary>Its place in the ordered post-commit stream.</summary>
    public PostCommit PostCommit { get; } = new();
}
