namespace Hall.Store.Disk;

/// <summary>Why the budget said no: a closed list, so /metrics labels come from it and nothing else.</summary>
public enum DiskRefusal
{
    /// <summary>Granted.</summary>
    None,

    /// <summary>Free space, less what is reserved and the store's floor, cannot hold it.</summary>
    NoRoom,

    /// <summary>The owner (one application's link) already has as many open reservations as it may.</summary>
    OwnerCount,

    /// <summary>The owner's open reservations together would go over its byte cap.</summary>
    OwnerBytes,
}
