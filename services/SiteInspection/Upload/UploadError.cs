using System.Text.Json.Serialization;

namespace Hall.SiteInspection.Upload;

/// <summary>
/// A refusal: a code from <see cref="ErrorCodes"/>, a Chinese message a person can act on, and for offset trouble the
/// offset the box holds, so the phone continues from there. Serialised as the "error" object of the reply.
/// </summary>
public sealed record UploadError(string Code, string Message, long? CurrentOffset = null)
{
    /// <summary>The HTTP status that fits the code (400, 404, 409, 410, 413, 415, 422, 507); not part of the JSON.</summary>
    [JsonIgnore]
    public int HttpStatus { get; init; } = 400;
}
