using System.Collections.Concurrent;
using Hall.Contract.Events;

namespace Hall.Queue.Tests;

/// <summary>Keeps every domain event it is handed, in the order handed, and lets a test wait for one.</summary>
public sealed class RecordingHandler : IHallEventHandler
{
    private readonly ConcurrentQueue<(Func<HallEvent, bool> Match, TaskCompletionSource<HallEvent> Seen)> _waiters = new();

    public ConcurrentQueue<HallEvent> Events { get; } = new();

    /// <summary>Completes when a matching event arrives (or at once if one already did).</summary>
    public Task<HallEvent> WhenAsync(Func<HallEvent, bool> match)
    {
        var seen = new TaskCompletionSource<HallEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((match, seen));
        if (Events.FirstOrDefault(match) is { } already)
        {
            seen.TrySetResult(already);
        }

        return seen.Task;
    }

    public ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(hallEvent);
        foreach (var (match, seen) in _waiters)
        {
            if (match(hallEvent))
            {
                seen.TrySetResult(hallEvent);
            }
        }

        return ValueTask.CompletedTask;
    }
}
