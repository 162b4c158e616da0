using System.Collections.Concurrent;
using Hall.Contract;

namespace Hall.Display.Tests;

/// <summary>
/// Stands in for the box's broker publisher: records what was published and, like the real one,
/// hands each message to the live feed.
/// </summary>
public sealed class RecordingPublisher(LiveFeed? feed = null, string hallId = "h1") : IHallPublisher
{
    public string HallId { get; } = hallId;

    public ConcurrentQueue<(string Topic, string Json, bool Retain)> Published { get; } = new();

    public Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default)
    {
        var json = HallJson.SerializeToString(payload);
        Published.Enqueue((topic, json, retain));
        feed?.Push(topic, json, retain);
        return Task.CompletedTask;
    }

    public IReadOnlyList<T> Messages<T>(string topic) =>
        [.. Published.Where(p => p.Topic == topic).Select(p => HallJson.Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(p.Json))!)];
}
