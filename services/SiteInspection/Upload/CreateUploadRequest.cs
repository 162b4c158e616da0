namespace Hall.SiteInspection.Upload;

/// <summary>
/// The start of an upload, as the phone's page sends it (JSON, camelCase).
/// </summary>
/// <param name="ApplicationId">The inspection application the video belongs to.</param>
/// <param name="FileName">The name on the phone, kept for people; the box names the stored file itself.</param>
/// <param name="ContentType">As the browser reports it (video/mp4, video/quicktime, or empty).</param>
/// <param name="Size">The exact size in bytes.</param>
/// <param name="Sha256">Optional lower- or upper-case hex SHA-256 of the whole file; checked at completion.</param>
public sealed record CreateUploadRequest(string? ApplicationId, string? FileName, string? ContentType, long Size, string? Sha256 = null);
