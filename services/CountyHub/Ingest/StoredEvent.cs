using Hall.Contract.Uplink;

namespace Hall.CountyHub.Ingest;

/// <summary>An event being stored: its key, the hall's corrected time and day, and the correction to apply to every time in its payload.</summary>
public sealed record StoredEvent(string BoxId, string Epoch, UplinkEvent Event, DateTimeOffset HallTime, string HallDay, string BoxPublicKey)
{
    /// <summary>hall_time − at: the skew correction, zero when the box's clock is within tolerance.</summary>
    public TimeSpan Correction => HallTime - Event.At;
}
