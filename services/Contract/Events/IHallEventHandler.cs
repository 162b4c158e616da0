namespace Hall.Contract.Events;

/// <summary>
/// Implemented by a service that reacts to another's events. Handlers run in commit order and
/// must be quick: slow work (speech synthesis, uploads) goes to the handler's own queue.
/// </summary>
public interface IHallEventHandler
{
    ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken);
}
