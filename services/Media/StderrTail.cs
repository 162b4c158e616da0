using System.Text.RegularExpressions;

namespace Hall.Media;

/// <summary>The last few lines a child wrote to stderr; written by the process's reader thread.</summary>
internal sealed partial class StderrTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _lock = new();

    /// <summary>Keeps the line (without any URL's user:password, as the tail ends up in messages and logs).</summary>
    public void Add(string line)
    {
        if (capacity == 0)
            return;
        line = Credentials().Replace(line, "://***@");
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

    [GeneratedRegex(@"://[^/@\s]+@")]
    private static partial Regex Credentials();
}
