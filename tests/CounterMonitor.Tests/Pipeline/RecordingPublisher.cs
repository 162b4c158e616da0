using System.Collections.Concurrent;
using Hall.Contract.Events;

namespace Hall.CounterMonitor.Tests.Pipeline;

/// <summary>What the box would have put on the broker, and the events a listener would have seen, in order.</summary>
internal sealed class RecordingPublisher : IHallPublisher, IHallEventHandler
{
    public ConcurrentQueue<(string Topic, object Payload, bool Retain)> Published { get; } = new();

    public ConcurrentQueue<HallEvent> Events { get; } = new();

    public string HallId => "t1";

    public IReadOnlyList<AlertMessage> Alerts => Published.Select(p => p.Payload).OfType<AlertMessage>().ToList();

    public IReadOnlyList<PresenceMessage> Presence => Published.Select(p => p.Payload).OfType<PresenceMessage>().ToList();

    public Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default)
    {
        Published.Enqueue((topic, payload, retain));
        return Task.CompletedTask;
    }

    public ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(hallEvent);
        return ValueTask.CompletedTask;
    }
}
