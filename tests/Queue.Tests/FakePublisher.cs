using System.Collections.Concurrent;

namespace Hall.Queue.Tests;

/// <summary>Records what the queue publishes, in order.</summary>
public sealed class FakePublisher : IHallPublisher
{
    public ConcurrentQueue<(string Topic, object Payload, bool Retain)> Published { get; } = new();

    public string HallId => "h1";

    public Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default)
    {
        Published.Enqueue((topic, payload, retain));
        return Task.CompletedTask;
    }

    public IReadOnlyList<T> Of<T>(string topic) => Published.Where(p => p.Topic == topic).Select(p => p.Payload).OfType<T>().ToList();
}
