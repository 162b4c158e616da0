namespace Hall.SiteInspection.Upload;

/// <summary>The answer to an upload request: the upload's status, or an error (with the status when there is one).</summary>
public sealed record UploadResult(UploadStatus? Status, UploadError? Error)
{
    public bool Ok => Error is null;

    internal static UploadResult Done(UploadStatus status) => new(status, null);

    internal static UploadResult Refused(UploadError error, UploadStatus? status = null) => new(status, error);
}
