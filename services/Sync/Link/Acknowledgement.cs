using Hall.Store.Uplink;

namespace Hall.Sync.Link;

/// <summary>
/// Where the box's acknowledged position goes from the hub's mark for a batch's epoch: the mark, kept within the epoch
/// (a hub that has more of an old epoch than the box, the box restored from a backup, acknowledges all of it here).
/// The position moves only from the hub's answer, never from what the box believes it sent.
/// </summary>
public static class Acknowledgement
{
    public static long Position(PendingBatch batch, long mark)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Math.Clamp(mark, batch.EpochStart - 1, batch.EpochLast);
    }
}
