using System.Text.Json;

namespace Hall.Contract.Uplink;

/// <summary>
/// One batch of a box's outbox, as JSON before compression. The events are consecutive sequence numbers of one epoch.
/// </summary>
/// <param name="V">Protocol version, 1.</param>
/// <param name="BoxId">The box (hall) id; must be the id that signed the request.</param>
/// <param name="HallName">The hall's name, for the hub's pages.</param>
/// <param name="TimeZone">The hall's IANA zone: the hub counts the hall's figures by the hall's own day.</param>
/// <param name="Epoch">The epoch the events belong to (a box starts one at every start of its store).</param>
/// <param name="EpochStart">The first sequence number of that epoch.</param>
/// <param name="SkipTo">Set when the box no longer holds events the hub lacks (pruned): the hub moves its mark to SkipTo − 1 and counts them as lost.</param>
/// <param name="ClockEpoch">The epoch the box's clock runs in now (what <paramref name="SentAt"/> was read in).</param>
/// <param name="SentAt">The box's wall clock when it sent the batch; the hub's receive time beside it gives the box's skew.</param>
/// <param name="Hlc">The box's hybrid logical clock when it sent the batch.</param>
/// <param name="Events">The events, in sequence order.</param>
public sealed record UplinkBatch(
    int V,
    string BoxId,
    string? HallName,
    string? TimeZone,
    string Epoch,
    long EpochStart,
    long? SkipTo,
    string ClockEpoch,
    DateTimeOffset SentAt,
    long Hlc,
    IReadOnlyList<UplinkEvent> Events)
{
    /// <summary>Events the box still holds after this batch: the hub shows how far behind each box is.</summary>
    public long? Backlog { get; init; }
}

/// <summary>One outbox row: its sequence number, type, the box's wall time, its hybrid logical time and its payload.</summary>
public sealed record UplinkEvent(long Seq, string Type, DateTimeOffset At, long Hlc, JsonElement Data);

/// <summary>The hub's answer to a batch it took (200).</summary>
/// <param name="Mark">The hub's high-water mark for the box and epoch: every event up to it is stored. The box acknowledges from this only.</param>
/// <param name="Stored">Events of the batch stored now.</param>
/// <param name="Duplicates">Events of the batch the hub already had.</param>
/// <param name="HubTime">The hub's clock when it answered.</param>
/// <param name="Hlc">The hub's hybrid time; the box merges it into its own clock.</param>
public sealed record UplinkAnswer(string BoxId, string Epoch, long Mark, int Stored, int Duplicates, DateTimeOffset HubTime, long Hlc);

/// <summary>A refusal: the error, and where it helps the box, the hub's mark or last accepted nonce.</summary>
public sealed record UplinkRefusal(ErrorBody Error, long? Mark = null, long? LastNonce = null, DateTimeOffset? HubTime = null);
