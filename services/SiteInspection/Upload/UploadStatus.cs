namespace Hall.SiteInspection.Upload;

/// <summary>
/// An upload as the phone and the pages see it. <see cref="Offset"/> is the number of bytes safely stored (on disk and
/// fsynced): the next chunk starts there. <see cref="Sha256"/> and <see cref="JobId"/> are set once complete;
/// <see cref="Error"/> once refused, cancelled or abandoned.
/// </summary>
public sealed record UploadStatus(
    string UploadId,
    string ApplicationId,
    string FileName,
    string ContentType,
    long Size,
    long Offset,
    UploadState State,
    string? Container,
    string? Sha256,
    long? JobId,
    UploadError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);
