namespace Hall.Contract.Evidence;

/// <summary>Refusals of the county staff's 督办 and 调取视频 requests at the hub (docs/error-codes.md).</summary>
public static class EvidenceErrorCodes
{
    /// <summary>404: no bad-review case with that id at that hall (or not one the user may see).</summary>
    public const string UnknownCase = "hub-unknown-case";

    /// <summary>400: a 督办 without its text, or with a text over 2000 characters.</summary>
    public const string UrgeText = "hub-urge-text";

    /// <summary>400: a 督办 deadline that is not a date and time, or is already past.</summary>
    public const string UrgeDeadline = "hub-urge-deadline";

    /// <summary>404: no video request with that id, or its video is not (yet) whole at the hub.</summary>
    public const string UnknownVideo = "hub-unknown-video";

    /// <summary>503: the hall's box is not enrolled at the hub, or the message could not be queued; nothing was sent.</summary>
    public const string NotQueued = "hub-not-queued";
}
