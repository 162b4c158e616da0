using Hall.Contract.Events;

namespace Hall.Tests.Shared;

/// <summary>A listener that holds every event until released: the stand-in for a slow or stuck display, report or camera.</summary>
public sealed class StalledListener : IHallEventHandler
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Handled { get; private set; }

    public void Release() => _release.TrySetResult();

    public async ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        await _release.Task.WaitAsync(cancellationToken);
        Handled++;
    }
}
