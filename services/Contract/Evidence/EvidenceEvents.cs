namespace Hall.Contract.Evidence;

/// <summary>
/// Outbox event types of the evidence round trips, sent up by the uplink and turned into rows by the hub's fact writer.
/// </summary>
public static class EvidenceEvents
{
    /// <summary>The box stored a request for a video: <c>{ requestId, inspectionId, messageId }</c>.</summary>
    public const string VideoRequestReceived = "VideoRequestReceived";

    /// <summary>The requested video is no longer on the box (past its retention): <c>{ requestId, inspectionId }</c>.</summary>
    public const string VideoGone = "VideoGone";

    /// <summary>The box stored a 督办: <c>{ supervisionId, caseId, messageId }</c>.</summary>
    public const string SupervisionReceived = "SupervisionReceived";

    /// <summary>The hall answered a 督办: <c>{ supervisionId, caseId, answeredBy, text, answeredAt }</c>.</summary>
    public const string SupervisionAnswered = "SupervisionAnswered";
}
