namespace Hall.Contract.Events;

/// <summary>
/// Hands a domain event to every <see cref="IHallEventHandler"/> of the box. A service that raises events calls it
/// after the change is committed, in commit order, from one loop; the call returns when every handler has run.
/// </summary>
public interface IHallEventBus
{
    ValueTask PublishAsync(HallEvent hallEvent, CancellationToken cancellationToken);
}
