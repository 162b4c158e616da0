using System.Threading.Channels;
using Hall.CounterMonitor.Video;

namespace Hall.CounterMonitor.Tests.Video;

/// <summary>Every health change a feed reports, in order, for a test to wait on.</summary>
internal sealed class HealthLog
{
    private readonly Channel<CameraHealth> _changes = Channel.CreateUnbounded<CameraHealth>();
    private readonly List<CameraHealth> _all = [];

    public HealthLog(CameraFeed feed) => feed.HealthChanged += (_, h) =>
    {
        lock (_all)
            _all.Add(h);
        _changes.Writer.TryWrite(h);
    };

    public IReadOnlyList<CameraHealth> All
    {
        get
        {
            lock (_all)
                return [.. _all];
        }
    }

    public ValueTask<CameraHealth> NextAsync(CancellationToken cancellationToken) =>
        _changes.Reader.ReadAsync(cancellationToken);

    /// <summary>Skips changes until one with the given state.</summary>
    public async Task<CameraHealth> NextAsync(bool online, CancellationToken cancellationToken)
    {
        while (true)
        {
            var change = await NextAsync(cancellationToken);
            if (change.Online == online)
                return change;
        }
    }
}
