using System.Text.Json;

namespace Hall.Contract.Downlink;

/// <summary>
/// One message the hub queued for a box (a 督办, a request for a video). The box stores it durably by
/// <paramref name="Id"/> (a message delivered twice is stored once) and hands it to the <see cref="IDownlinkHandler"/>
/// of its <paramref name="Type"/>.
/// </summary>
/// <param name="Id">Unique per hub, e.g. <c>m-000042</c>; the box's idempotency key.</param>
/// <param name="Cursor">The message's place in its box's queue; the box polls with the largest it stored.</param>
/// <param name="Type">One of <see cref="DownlinkMessageTypes"/>; an unknown type is stored, logged once and acknowledged.</param>
/// <param name="At">When the hub queued it.</param>
/// <param name="Data">The type's payload.</param>
public sealed record DownlinkMessage(string Id, long Cursor, string Type, DateTimeOffset At, JsonElement Data);
