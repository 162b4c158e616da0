namespace Hall.Contract.Downlink;

/// <summary>The message types the hub sends down. Each has one <see cref="IDownlinkHandler"/> on the box.</summary>
public static class DownlinkMessageTypes
{
    /// <summary>督办: the county urges the hall about a bad-review case; answered upward as an outbox event.</summary>
    public const string Supervision = "supervision";

    /// <summary>调取视频: the county asks for an inspection's full video; the box uploads it when the link allows.</summary>
    public const string VideoRequest = "video-request";
}
