namespace Hall.Contract.Downlink;

/// <summary>The hub's answer to a poll (200).</summary>
/// <param name="HubTime">The hub's clock when it answered.</param>
/// <param name="Hlc">The hub's hybrid time; the box merges it into its own clock, as with the uplink's answer.</param>
/// <param name="Config">The newest configuration version for this box when it is newer than the one the box runs; else null.</param>
/// <param name="Messages">Messages queued for the box after its cursor, in cursor order (at most a page of them).</param>
/// <param name="Cursor">The cursor of the last message in <paramref name="Messages"/>, or the box's own when there are none.</param>
public sealed record DownlinkAnswer(
    DateTimeOffset HubTime,
    long Hlc,
    ConfigOffer? Config,
    IReadOnlyList<DownlinkMessage> Messages,
    long Cursor)
{
    /// <summary>True when the hub holds more messages after <see cref="Cursor"/>: the box polls again at once.</summary>
    public bool More { get; init; }
}
