namespace Hall.Store.Writer;

/// <summary>
/// One unit of work for the box's <see cref="CommandWriter"/>. <see cref="Apply"/> runs inside the write transaction
/// (with every other command of its group); what it returns is the reply, logged under (device, requestId) when both
/// are set, so a repeated request gets the first answer back and changes nothing.
/// </summary>
public abstract class WriteCommand
{
    protected WriteCommand(string name, string? deviceId = null, string? requestId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        DeviceId = deviceId;
        RequestId = requestId;
    }

    /// <summary>What the command is (the request's name, or an internal name such as "supervise"), for the log.</summary>
    public string Name { get; }

    public string? DeviceId { get; }

    public string? RequestId { get; }

    /// <summary>The service whose memory follows this command's writes: told once when the command's group rolls back.</summary>
    public virtual IWriteParticipant? Participant => null;

    internal bool IsLogged => DeviceId is not null && RequestId is not null;

    /// <summary>Runs inside the write transaction; returns the reply (null when there is none).</summary>
    public abstract object? Apply(WriteContext context);

    /// <summary>A reply logged earlier for this (device, requestId), read back for the repeated request.</summary>
    public virtual object ReadLoggedReply(string json) =>
        throw new NotSupportedException($"Command {Name} has a requestId but cannot read its logged reply.");
}
