namespace Hall.Contract.Evidence;

/// <summary>Refusals of the upload routes (docs/sync.md#uploads, docs/error-codes.md). Signature refusals are the uplink's.</summary>
public static class UploadErrorCodes
{
    /// <summary>404: the hub asked this box for no such video (or asked another box).</summary>
    public const string UnknownRequest = "upload-unknown-request";

    /// <summary>400: the create is not readable, or its size or SHA-256 is not valid.</summary>
    public const string BadRequest = "upload-bad-request";

    /// <summary>409: a chunk starts after the bytes the hub holds; the answer carries <c>offset</c>, the box sends from there.</summary>
    public const string BadOffset = "upload-bad-offset";

    /// <summary>400: a chunk goes past the size given at create.</summary>
    public const string BeyondEnd = "upload-beyond-end";

    /// <summary>
    /// 413: a chunk is over the hub's limit, or the file over the largest video the hub keeps. Not <c>upload-too-large</c>,
    /// which is the box's answer to an applicant's phone (<see cref="ErrorCodes.UploadTooLarge"/>): one code, one meaning.
    /// </summary>
    public const string TooLarge = "upload-hub-too-large";

    /// <summary>409: finish before every byte arrived; the answer carries <c>offset</c>.</summary>
    public const string Incomplete = "upload-incomplete";

    /// <summary>422: the whole file's SHA-256 is not the one given at create: the bytes were discarded, the box sends again from 0.</summary>
    public const string HashMismatch = "upload-hash-mismatch";

    /// <summary>503: the hub's disk or database did not take it; nothing was acknowledged. Try again later.</summary>
    public const string Unavailable = "upload-hub-unavailable";
}
