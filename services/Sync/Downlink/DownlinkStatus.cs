namespace Hall.Sync.Downlink;

/// <summary>What the downlink worker reports as it goes; read by the console. Thread-safe.</summary>
public sealed class DownlinkStatus
{
    private readonly Lock _gate = new();
    private DownlinkSnapshot _snapshot = new(LinkState.Starting, 0, null, null, null, null, null, null, null, null, null, 0, 0);

    public DownlinkSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    internal void Update(Func<DownlinkSnapshot, DownlinkSnapshot> change)
    {
        lock (_gate)
        {
            _snapshot = change(_snapshot);
        }
    }
}
