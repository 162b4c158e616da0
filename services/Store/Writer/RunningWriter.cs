using Hall.Contract;
using Hall.Contract.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.Store.Writer;

/// <summary>
/// The writer and its listeners running outside a host: for tools and tests that use one or two services over a store
/// file. The box itself runs both as hosted services.
/// </summary>
public sealed class RunningWriter : IAsyncDisposable
{
    private RunningWriter(CommandWriter writer, EventDispatcher dispatcher)
    {
        Writer = writer;
        Dispatcher = dispatcher;
    }

    public CommandWriter Writer { get; }

    public EventDispatcher Dispatcher { get; }

    /// <param name="listeners">Asked for at the first commit, so a listener may itself need the writer.</param>
    public static async Task<RunningWriter> StartAsync(HallDatabase database, TimeProvider time, Func<IEnumerable<IHallEventHandler>>? listeners = null, IHallPublisher? publisher = null)
    {
        var dispatcher = new EventDispatcher(listeners ?? (() => []), publisher, time, NullLogger<EventDispatcher>.Instance);
        var writer = new CommandWriter(database, dispatcher, time, NullLogger<CommandWriter>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);
        await writer.StartAsync(CancellationToken.None);
        return new RunningWriter(writer, dispatcher);
    }

    /// <summary>Completes once every listener has handled everything committed so far.</summary>
    public Task SettledAsync() => Dispatcher.WhenDeliveredAsync();

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        await Dispatcher.StopAsync(CancellationToken.None);
        Writer.Dispose();
        Dispatcher.Dispose();
    }
}
