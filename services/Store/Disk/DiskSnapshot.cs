namespace Hall.Store.Disk;

/// <summary>The budget as it stands, for /healthz and /metrics.</summary>
/// <param name="AvailableBytes">Free space on the data directory's filesystem, measured now.</param>
/// <param name="ReservedBytes">What open reservations may still write (declared less written).</param>
/// <param name="FloorBytes">Kept free for the store; never reserved.</param>
/// <param name="HeadroomBytes">What a new reservation may take: available − reserved − floor (may be negative).</param>
/// <param name="Reservations">Open reservations.</param>
/// <param name="Refusals">Refusals since start, by kind.</param>
/// <param name="ExpiredReleased">Reservations released because nobody continued them.</param>
public sealed record DiskSnapshot(
    long AvailableBytes,
    long ReservedBytes,
    long FloorBytes,
    long HeadroomBytes,
    int Reservations,
    IReadOnlyDictionary<DiskRefusal, long> Refusals,
    long ExpiredReleased);
