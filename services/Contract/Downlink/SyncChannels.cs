namespace Hall.Contract.Downlink;

/// <summary>
/// The hub keeps the last accepted nonce per (box, channel): a downlink poll and an uplink batch of the same box run
/// side by side and take nonces from the same clock, so one channel's nonce must never refuse the other's.
/// </summary>
public static class SyncChannels
{
    /// <summary><c>POST /sync/v1/events</c>: the uplink's batches.</summary>
    public const string Events = "events";

    /// <summary><c>GET /sync/v1/downlink</c>: the box's polls.</summary>
    public const string Downlink = "downlink";

    /// <summary>Resumable uploads of evidence the hub asked for.</summary>
    public const string Uploads = "uploads";
}
