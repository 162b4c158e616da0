using Hall.Contract.Uplink;

namespace Hall.CountyHub.Ingest;

/// <summary>The hub's hybrid time for answers: its wall clock, never going backwards between answers.</summary>
public sealed class HubClock
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _last;

    public HubClock(TimeProvider time)
    {
        _time = time;
    }

    public long Next()
    {
        lock (_gate)
        {
            _last = HybridTime.Next(_last, _time.GetUtcNow());
            return _last;
        }
    }
}
