using System.Collections.Concurrent;
using Hall.Contract;

namespace Hall.Core.Tests;

/// <summary>What the box would have put on the broker, in order.</summary>
public sealed class RecordingPublisher : IHallPublisher
{
    public ConcurrentQueue<(string Topic, object Payload, bool Retain)> Published { get; } = new();

    public string HallId => "h1";

    public Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default)
    {
        Published.Enqueue((topic, payload, retain));
        return Task.CompletedTask;
    }
}
