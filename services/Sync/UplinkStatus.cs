namespace Hall.Sync;

/// <summary>What the uplink worker reports as it goes; read by the console and /metrics. Thread-safe.</summary>
public sealed class UplinkStatus
{
    private readonly Lock _gate = new();
    private UplinkSnapshot _snapshot = new(LinkState.Starting, null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null);

    public UplinkSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    internal void Update(Func<UplinkSnapshot, UplinkSnapshot> change)
    {
        lock (_gate)
        {
            _snapshot = change(_snapshot);
        }
    }
}
