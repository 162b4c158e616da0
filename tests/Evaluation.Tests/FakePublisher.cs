using System.Collections.Concurrent;

namespace Hall.Evaluation.Tests;

/// <summary>Records what the box publishes, in order.</summary>
public sealed class FakePublisher : IHallPublisher
{
    public ConcurrentQueue<(string Topic, object Payload, bool Retain)> Published { get; } = new();

    public string HallId => "h1";

    private readonly ConcurrentQueue<(Func<object, bool> Match, TaskCompletionSource<object> Seen)> _waiters = new();

    public Task PublishAsync(string topic, object payload, bool retain, CancellationToken cancellationToken = default)
    {
        Published.Enqueue((topic, payload, retain));
        foreach (var (match, seen) in _waiters)
        {
            if (match(payload))
            {
                seen.TrySetResult(payload);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes when a matching payload is published from now on.</summary>
    public Task<object> WhenAsync(Func<object, bool> match)
    {
        var seen = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((match, seen));
        return seen.Task;
    }

    public IReadOnlyList<T> Of<T>(string topic) => Published.Where(p => p.Topic == topic).Select(p => p.Payload).OfType<T>().ToList();
}
