namespace Hall.Contract.Uplink;

/// <summary>
/// A hybrid logical clock packed in one 64-bit number: milliseconds since 1970 (UTC) in the high 48 bits, a counter in
/// the low 16. It never goes backwards: a new reading is the larger of the wall clock and the last reading plus one,
/// so events stay in order when the wall clock is set back (a box without a real-time clock boots in 1970) and it
/// catches up with what the box has seen from the hub (<see cref="Merge"/>).
/// </summary>
public static class HybridTime
{
    public const int CounterBits = 16;

    /// <summary>The hybrid time of a wall-clock reading with a zero counter.</summary>
    public static long FromWall(DateTimeOffset wall) => Math.Max(0, wall.ToUnixTimeMilliseconds()) << CounterBits;

    /// <summary>The next reading after <paramref name="last"/> at wall time <paramref name="wall"/>.</summary>
    public static long Next(long last, DateTimeOffset wall) => Math.Max(FromWall(wall), last + 1);

    /// <summary>A reading that is after both the own last reading and one seen from elsewhere.</summary>
    public static long Merge(long last, long seen, DateTimeOffset wall) => Math.Max(Math.Max(FromWall(wall), last + 1), seen + 1);

    /// <summary>The physical part as a time (UTC).</summary>
    public static DateTimeOffset PhysicalOf(long hlc) => DateTimeOffset.FromUnixTimeMilliseconds(hlc >> CounterBits);

    public static int CounterOf(long hlc) => (int)(hlc & ((1L << CounterBits) - 1));
}
