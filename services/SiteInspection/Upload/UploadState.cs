namespace Hall.SiteInspection.Upload;

/// <summary>In JSON (HallJson): "receiving", "complete", "refused", "cancelled", "abandoned".</summary>
public enum UploadState
{
    /// <summary>Chunks are being received; the offset says how many bytes are safely stored.</summary>
    Receiving,

    /// <summary>All bytes received, hashed, moved to the final file; a check job is queued.</summary>
    Complete,

    /// <summary>Refused (not a video, checksum mismatch); nothing of it is kept but the reason.</summary>
    Refused,

    /// <summary>Cancelled by the phone or a page.</summary>
    Cancelled,

    /// <summary>Not continued for SiteInspection:Upload:AbandonAfter, or its stored part was lost.</summary>
    Abandoned,
}
