using System.Globalization;
using System.Text;
using Hall.Contract;
using Hall.Contract.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hall.Store.Writer;

/// <summary>
/// After the commit: hands what each committed command raised to every listener on the listener's own bounded lane,
/// in commit order. One lane per <see cref="IHallEventHandler"/> (the display, the assessment, the evaluation's rating
/// windows, the counter monitor, the alert board …) and one for the MQTT publications the commands owe. The writer
/// only queues here and never waits: a listener that is slow, stalls or throws delays nobody's reply. How far each
/// lane is behind shows in /metrics and /healthz.
/// </summary>
public sealed partial class EventDispatcher : BackgroundService
{
    /// <summary>A lane this many units behind is reported as behind.</summary>
    public const long BehindAfter = 1000;

    /// <summary>Units a lane holds before further ones are dead-lettered (logged at error with the event).</summary>
    public const int LaneCapacity = 100_000;

    private readonly Func<IEnumerable<IHallEventHandler>> _handlers;
    private readonly IHallPublisher? _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger<EventDispatcher> _logger;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<IReadOnlyList<ListenerLane>> _lanesCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<ListenerLane>? _lanes;

    /// <param name="handlers">Resolved at the first dispatch, not here: a service that raises events may also listen.</param>
    /// <param name="publisher">Where the commands' MQTT publications go; null where nothing is published (tests of one service).</param>
    public EventDispatcher(Func<IEnumerable<IHallEventHandler>> handlers, IHallPublisher? publisher, TimeProvider time, ILogger<EventDispatcher> logger)
    {
        _handlers = handlers;
        _publisher = publisher;
        _time = time;
        _logger = logger;
    }

    /// <summary>Every lane as it stands now.</summary>
    public IReadOnlyList<ListenerStatus> Listeners => Lanes.Select(l => l.Status).ToList();

    private IReadOnlyList<ListenerLane> Lanes
    {
        get
        {
            lock (_gate)
            {
                if (_lanes is null)
                {
                    _lanes = CreateLanes();
                    _lanesCreated.TrySetResult(_lanes);
                }

                return _lanes;
            }
        }
    }

    /// <summary>Called by the writer after a commit, in commit order. Never waits.</summary>
    public void Dispatch(Committed committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        foreach (var lane in Lanes)
        {
            lane.Offer(committed, (unit, ex) => DeadLetter(lane.Name, unit, ex));
        }
    }

    /// <summary>Completes once every lane has worked through everything dispatched before the call.</summary>
    public async Task WhenDeliveredAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (lane, offered) in Lanes.Select(l => (l, l.Offered)).ToList())
        {
            await lane.WhenDoneAsync(offered, cancellationToken);
        }
    }

    /// <summary>
    /// Completes once <paramref name="listener"/> has handled everything dispatched before the call: a report that must
    /// hold every change committed before it was asked waits here (never the writer, never a reply).
    /// </summary>
    public async Task WhenDeliveredAsync(IHallEventHandler listener, CancellationToken cancellationToken = default)
    {
        if (Lanes.FirstOrDefault(l => ReferenceEquals(l.Listener, listener)) is { } lane)
        {
            await lane.WhenDoneAsync(lane.Offered, cancellationToken);
        }
    }

    /// <summary>The lanes in the Prometheus text format, for /metrics.</summary>
    public void RenderMetrics(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var listeners = Listeners;
        Family(text, "hall_listener_backlog", "gauge", "Committed events a listener has not handled yet", listeners, s => s.Backlog);
        Family(text, "hall_listener_delivered_total", "counter", "Events a listener has handled", listeners, s => s.Delivered);
        Family(text, "hall_listener_retries_total", "counter", "Deliveries that failed and were tried again", listeners, s => s.Retries);
        Family(text, "hall_listener_dead_letters_total", "counter", "Events a listener could not handle, logged at error", listeners, s => s.DeadLetters);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The lanes come with the first commit (or the first look at them), not at start: by then every listener,
        // even one built after the dispatcher, exists.
        IReadOnlyList<ListenerLane> lanes;
        try
        {
            lanes = await _lanesCreated.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await Task.WhenAll(lanes.Select(lane => lane.RunAsync((unit, ex) => DeadLetter(lane.Name, unit, ex), stoppingToken)));
    }

    private static void Family(StringBuilder text, string name, string type, string help, IReadOnlyList<ListenerStatus> listeners, Func<ListenerStatus, long> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var status in listeners)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{listener=\"{status.Name}\"}} {value(status)}\n");
        }
    }

    private List<ListenerLane> CreateLanes()
    {
        var lanes = new List<ListenerLane>();
        if (_publisher is { } publisher)
        {
            lanes.Add(new ListenerLane(
                "mqtt",
                LaneCapacity,
                c => c.Publications,
                (unit, ct) => unit is Publication p ? publisher.PublishAsync(p.Topic, p.Payload, p.Retain, ct) : Task.CompletedTask,
                _time));
        }

        foreach (var handler in _handlers())
        {
            lanes.Add(new ListenerLane(
                handler.GetType().Name,
                LaneCapacity,
                c => c.Events,
                (unit, ct) => unit is HallEvent e ? handler.HandleAsync(e, ct).AsTask() : Task.CompletedTask,
                _time)
            {
                Listener = handler,
            });
        }

        return lanes;
    }

    private void DeadLetter(string listener, object unit, Exception? exception)
    {
        var what = unit switch
        {
            HallEvent e => e.GetType().Name,
            Publication p => p.Topic,
            _ => unit.GetType().Name,
        };
        var json = unit is Publication publication ? HallJson.SerializeToString(publication.Payload) : HallJson.SerializeToString(unit);
        if (exception is null)
        {
            LogLaneFull(listener, what, json);
        }
        else
        {
            LogDeadLetter(listener, what, json, exception);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Listener {Listener} failed on {What} three times; dead-lettered: {Json}")]
    private partial void LogDeadLetter(string listener, string what, string json, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Listener {Listener} is so far behind that its lane is full; {What} dead-lettered: {Json}")]
    private partial void LogLaneFull(string listener, string what, string json);
}
