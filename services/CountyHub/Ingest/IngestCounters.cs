using System.Collections.Concurrent;

namespace Hall.CountyHub.Ingest;

/// <summary>What /metrics counts since the hub started: batches by result, events stored, duplicates, lost.</summary>
public sealed class IngestCounters
{
    private readonly ConcurrentDictionary<string, long> _batches = new(StringComparer.Ordinal);
    private long _stored;
    private long _duplicates;
    private long _lost;

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Lost => Interlocked.Read(ref _lost);

    public IReadOnlyDictionary<string, long> Batches => _batches.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public void Batch(string result) => _batches.AddOrUpdate(result, 1, (_, n) => n + 1);

    public void Events(long stored, long duplicates, long lost)
    {
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _lost, lost);
    }
}
