namespace Hall.SiteInspection.Upload;

/// <summary>One row of inspection_uploads.</summary>
internal sealed record UploadRow(
    string Id,
    string ApplicationId,
    string FileName,
    string ContentType,
    long Size,
    long Received,
    UploadState State,
    string? Container,
    string? ExpectedSha256,
    string? Sha256,
    string? Path,
    long? JobId,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);
