namespace Hall.Store.Disk;

/// <summary>
/// One budget for every writer of the box that can grow. A writer that knows its size (an upload: its declared length)
/// reserves it before the first byte and releases it when it ends, is cancelled or expires; a writer that does not keep
/// anything open (a speech clip) asks <see cref="TryWrite"/>. Free space is measured at every decision (through
/// <see cref="IFreeSpace"/>), and what reservations may still write is counted as taken, so forty uploads started at
/// once cannot each see the same free gigabytes. <see cref="DiskOptions.StoreFloorMiB"/> is never handed out: the store
/// always has room to commit. An owner (one application's link) has its own cap on open reservations and bytes.
/// Plain C#, no I/O of its own; thread-safe.
/// </summary>
public sealed class DiskBudget
{
    private readonly IFreeSpace _freeSpace;
    private readonly string _directory;
    private readonly DiskOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Reservation> _reservations = new(StringComparer.Ordinal);
    private readonly long[] _refusals = new long[Enum.GetValues<DiskRefusal>().Length];
    private long _expiredReleased;

    /// <param name="directory">The data directory: the filesystem whose free space is budgeted.</param>
    public DiskBudget(IFreeSpace freeSpace, string directory, DiskOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(freeSpace);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _freeSpace = freeSpace;
        _directory = directory;
        _options = options;
        _time = time;
    }

    public DiskOptions Options => _options;

    /// <summary>
    /// Reserves <paramref name="bytes"/> for <paramref name="id"/> (owned by <paramref name="owner"/>) until it is released
    /// or not advanced for <paramref name="lifetime"/>. Asking again for an id already held changes nothing and succeeds.
    /// </summary>
    /// <param name="owner">Who the per-owner caps count it against (one application's link); null: the box's own work, not capped.</param>
    /// <param name="written">Bytes of it already on disk (a reservation taken again after it expired): only the rest must fit.</param>
    public DiskDecision TryReserve(string id, string? owner, long bytes, TimeSpan lifetime, long written = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var available = _freeSpace.AvailableBytes(_directory);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            ReleaseExpiredLocked(now);
            var (ownerOpen, ownerBytes) = OwnerLocked(owner);
            var headroom = available - OutstandingLocked() - _options.StoreFloorBytes;
            if (_reservations.ContainsKey(id))
            {
                return Decision(DiskRefusal.None, bytes, headroom, ownerOpen, ownerBytes);
            }

            var refusal = owner is not null && ownerOpen >= _options.MaxUploadsPerApplication ? DiskRefusal.OwnerCount
                : owner is not null && ownerBytes + bytes > _options.MaxUploadBytesPerApplication ? DiskRefusal.OwnerBytes
                : bytes - written > headroom ? DiskRefusal.NoRoom
                : DiskRefusal.None;
            if (refusal != DiskRefusal.None)
            {
                _refusals[(int)refusal]++;
                return Decision(refusal, bytes, headroom, ownerOpen, ownerBytes);
            }

            written = Math.Clamp(written, 0, bytes);
            _reservations[id] = new Reservation(owner, bytes, lifetime) { Written = written, ExpiresAt = now + lifetime };
            return Decision(DiskRefusal.None, bytes, headroom - (bytes - written), ownerOpen + 1, ownerBytes + bytes);
        }
    }

    /// <summary>
    /// Takes back a reservation the box held before a restart (an upload still receiving), without refusing: what was
    /// promised stays promised; new asks see the room it takes.
    /// </summary>
    public void Restore(string id, string owner, long bytes, long written, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_gate)
        {
            _reservations[id] = new Reservation(owner, bytes, lifetime) { Written = Math.Clamp(written, 0, bytes), ExpiresAt = _time.GetUtcNow() + lifetime };
        }
    }

    /// <summary>
    /// Records that <paramref name="written"/> bytes of the reservation are on disk now (they show in free space, so they
    /// no longer count as reserved) and restarts its lifetime. False when the id holds no reservation (released or expired).
    /// </summary>
    public bool Advance(string id, long written)
    {
        lock (_gate)
        {
            if (!_reservations.TryGetValue(id, out var reservation))
            {
                return false;
            }

            reservation.Written = Math.Clamp(written, 0, reservation.Bytes);
            reservation.ExpiresAt = _time.GetUtcNow() + reservation.Lifetime;
            return true;
        }
    }

    /// <summary>Whether <paramref name="id"/> holds a reservation now (an expired one is released first).</summary>
    public bool Holds(string id)
    {
        lock (_gate)
        {
            ReleaseExpiredLocked(_time.GetUtcNow());
            return _reservations.ContainsKey(id);
        }
    }

    /// <summary>Gives the room back. Releasing an id that holds nothing is fine.</summary>
    public void Release(string id)
    {
        lock (_gate)
        {
            _reservations.Remove(id);
        }
    }

    /// <summary>Releases reservations not advanced within their lifetime; returns how many.</summary>
    public int ReleaseExpired()
    {
        lock (_gate)
        {
            return ReleaseExpiredLocked(_time.GetUtcNow());
        }
    }

    /// <summary>
    /// For a writer that writes at once and keeps nothing open (a speech clip, a temporary frame): whether
    /// <paramref name="bytes"/> fit without touching what is reserved or the store's floor.
    /// </summary>
    public DiskDecision TryWrite(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var available = _freeSpace.AvailableBytes(_directory);
        lock (_gate)
        {
            ReleaseExpiredLocked(_time.GetUtcNow());
            var headroom = available - OutstandingLocked() - _options.StoreFloorBytes;
            if (bytes > headroom)
            {
                _refusals[(int)DiskRefusal.NoRoom]++;
                return Decision(DiskRefusal.NoRoom, bytes, headroom, 0, 0);
            }

            return Decision(DiskRefusal.None, bytes, headroom - bytes, 0, 0);
        }
    }

    public DiskSnapshot Snapshot()
    {
        var available = _freeSpace.AvailableBytes(_directory);
        lock (_gate)
        {
            ReleaseExpiredLocked(_time.GetUtcNow());
            var outstanding = OutstandingLocked();
            var refusals = Enum.GetValues<DiskRefusal>().Where(r => r != DiskRefusal.None).ToDictionary(r => r, r => _refusals[(int)r]);
            return new DiskSnapshot(available, outstanding, _options.StoreFloorBytes, available - outstanding - _options.StoreFloorBytes, _reservations.Count, refusals, _expiredReleased);
        }
    }

    private DiskDecision Decision(DiskRefusal refusal, long bytes, long headroom, int ownerOpen, long ownerBytes) =>
        new(refusal, bytes, headroom, ownerOpen, ownerBytes, _options.MaxUploadsPerApplication, _options.MaxUploadBytesPerApplication);

    private long OutstandingLocked() => _reservations.Values.Sum(r => r.Bytes - r.Written);

    private (int Open, long Bytes) OwnerLocked(string? owner)
    {
        if (owner is null)
        {
            return (0, 0);
        }

        var open = 0;
        long bytes = 0;
        foreach (var reservation in _reservations.Values)
        {
            if (string.Equals(reservation.Owner, owner, StringComparison.Ordinal))
            {
                open++;
                bytes += reservation.Bytes;
            }
        }

        return (open, bytes);
    }

    private int ReleaseExpiredLocked(DateTimeOffset now)
    {
        var expired = _reservations.Where(r => r.Value.ExpiresAt <= now).Select(r => r.Key).ToList();
        foreach (var id in expired)
        {
            _reservations.Remove(id);
        }

        _expiredReleased += expired.Count;
        return expired.Count;
    }

    private sealed class Reservation(string? owner, long bytes, TimeSpan lifetime)
    {
        public string? Owner { get; } = owner;

        public long Bytes { get; } = bytes;

        public TimeSpan Lifetime { get; } = lifetime;

        public long Written { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
