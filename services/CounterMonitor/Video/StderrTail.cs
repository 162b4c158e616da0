namespace Hall.CounterMonitor.Video;

/// <summary>The last few lines ffmpeg wrote to stderr; written by the process's reader thread.</summary>
internal sealed class StderrTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _lock = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        lock (_lock)
        {
            if (_lines.Count == capacity)
                _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
            return [.. _lines];
    }
}
