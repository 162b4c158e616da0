using Hall.Contract.Events;

namespace Hall.FirmwareHost.Box;

/// <summary>
/// The box's event bus: hands an event to every <see cref="IHallEventHandler"/> in turn. The handlers are resolved on
/// first use, not in the constructor: a service that raises events (evaluation) is itself a handler, so resolving them
/// eagerly would be a dependency cycle. A failing handler is logged and does not stop the others.
/// </summary>
public sealed partial class HallEventBus(IServiceProvider services, ILogger<HallEventBus> logger) : IHallEventBus
{
    private IReadOnlyList<IHallEventHandler>? _handlers;

    public async ValueTask PublishAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hallEvent);
        _handlers ??= services.GetServices<IHallEventHandler>().ToList();
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(hallEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                HandlerFailed(logger, handler.GetType().Name, hallEvent.GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Event handler {Handler} failed on {Event}")]
    private static partial void HandlerFailed(ILogger logger, string handler, string @event, Exception exception);
}
