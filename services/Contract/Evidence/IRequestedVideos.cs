namespace Hall.Contract.Evidence;

/// <summary>
/// The inspection videos the county may ask for, as the box's 云踏勘 keeps them (owned by SiteInspection; the uploader
/// only reads). <see cref="Hold"/> keeps a requested video past its retention until it has been sent.
/// </summary>
public interface IRequestedVideos
{
    /// <summary>The video of an inspection while the box still keeps it; null when it is gone or was never there.</summary>
    RequestedVideo? Find(string inspectionId);

    /// <summary>Keeps the video past its retention; false when it is already gone.</summary>
    bool Hold(string inspectionId);
}

/// <summary>A kept video: where it is, its size and the SHA-256 the box recorded when it was checked.</summary>
public sealed record RequestedVideo(string Path, long Size, string Sha256);
