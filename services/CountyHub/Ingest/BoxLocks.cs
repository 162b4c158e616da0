using System.Collections.Concurrent;

namespace Hall.CountyHub.Ingest;

/// <summary>
/// One gate per box: two batches of the same box (a retry racing its original) are stored one after the other, so the
/// second sees the first's mark; batches of different boxes go in parallel.
/// </summary>
public sealed class BoxLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string boxId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(boxId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"Box {boxId}: another batch of this box held the gate for {timeout}.");
        }

        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
