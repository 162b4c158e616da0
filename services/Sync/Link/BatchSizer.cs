namespace Hall.Sync.Link;

/// <summary>
/// How many events the next batch takes: halved after a failure (a link that cuts often still gets small batches
/// through), doubled after a success up to the most. Plain logic, no I/O.
/// </summary>
public sealed class BatchSizer
{
    private readonly int _min;
    private readonly int _max;

    public BatchSizer(int min, int max, int? start = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        _min = min;
        _max = max;
        Size = Math.Clamp(start ?? Math.Max(min, max / 8), min, max);
    }

    public int Size { get; private set; }

    public void Succeeded() => Size = (int)Math.Min(_max, Size * 2L);

    public void Failed() => Size = Math.Max(_min, Size / 2);
}
