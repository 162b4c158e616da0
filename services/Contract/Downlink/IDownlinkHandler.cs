namespace Hall.Contract.Downlink;

/// <summary>
/// Handles one message type on the box. Registered in DI (one per type); called once per message after the message is
/// stored durably on the box, and again after a restart if it had not finished: it must be idempotent by
/// <see cref="DownlinkMessage.Id"/>. An exception is logged and the message is tried again on the next poll.
/// </summary>
public interface IDownlinkHandler
{
    /// <summary>The message type handled, one of <see cref="DownlinkMessageTypes"/>.</summary>
    string Type { get; }

    Task HandleAsync(DownlinkMessage message, CancellationToken cancellationToken);
}
