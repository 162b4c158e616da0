namespace Hall.Store.Disk;

/// <summary>
/// The budget's answer, with the figures a refusal message needs: what was asked, the room there was, and what the
/// owner already holds. The caller words it for people; the budget has no text.
/// </summary>
public readonly record struct DiskDecision(DiskRefusal Refusal, long Requested, long Headroom, int OwnerOpen, long OwnerBytes, int OwnerMaxOpen, long OwnerMaxBytes)
{
    public bool Ok => Refusal == DiskRefusal.None;
}
