namespace Hall.CountyHub.Evidence;

/// <summary>What the hub does with one chunk of a resumable upload.</summary>
public enum ChunkAction
{
    /// <summary>Write the chunk's bytes from <see cref="ChunkDecision.Skip"/> on at the held offset.</summary>
    Write,

    /// <summary>Every byte of the chunk is already held (a chunk sent again after a lost answer): answer the offset, write nothing.</summary>
    AlreadyHeld,

    /// <summary>The chunk starts after the held bytes: refused with the offset to send from.</summary>
    BeyondOffset,

    /// <summary>The chunk goes past the size given at create.</summary>
    BeyondEnd,

    /// <summary>The chunk is over the hub's limit.</summary>
    TooLarge,

    /// <summary>The upload is already complete.</summary>
    Complete,
}

/// <summary>The decision for one chunk; <see cref="Skip"/> is how many of its first bytes the hub already holds.</summary>
public readonly record struct ChunkDecision(ChunkAction Action, long Skip = 0);

/// <summary>What the hub does when the box says the upload is finished.</summary>
public enum FinishAction
{
    /// <summary>Every byte arrived and the SHA-256 matches: the video is kept.</summary>
    Complete,

    /// <summary>Bytes are missing: refused with the offset.</summary>
    Incomplete,

    /// <summary>The hash does not match: the bytes are discarded and the upload begins again from 0.</summary>
    Discard,

    /// <summary>Already complete: the same answer again.</summary>
    AlreadyComplete,
}

/// <summary>
/// The rules of a resumable upload (docs/sync.md#uploads), plain logic: the hub holds <c>received</c> bytes durably; a
/// chunk may start anywhere up to it (an overlap is the box sending again what it did not see acknowledged) but never
/// after it, and never past the size. A finished upload is kept only when the SHA-256 of the whole matches.
/// </summary>
public static class UploadRules
{
    public static ChunkDecision Chunk(bool complete, long received, long size, long offset, long length, long maxChunk)
    {
        if (complete)
        {
            return new(ChunkAction.Complete);
        }

        if (length > maxChunk)
        {
            return new(ChunkAction.TooLarge);
        }

        if (offset < 0 || offset > received)
        {
            return new(ChunkAction.BeyondOffset);
        }

        if (offset + length > size)
        {
            return new(ChunkAction.BeyondEnd);
        }

        if (offset + length <= received)
        {
            return new(ChunkAction.AlreadyHeld);
        }

        return new(ChunkAction.Write, received - offset);
    }

    public static FinishAction Finish(bool complete, long received, long size, string expectedSha256, string actualSha256)
    {
        if (complete)
        {
            return FinishAction.AlreadyComplete;
        }

        if (received < size)
        {
            return FinishAction.Incomplete;
        }

        return string.Equals(expectedSha256, actualSha256, StringComparison.OrdinalIgnoreCase) ? FinishAction.Complete : FinishAction.Discard;
    }

    /// <summary>True when a create names the same file as the upload the hub already has (then it resumes, else it begins again).</summary>
    public static bool SameFile(long heldSize, string? heldSha256, long size, string sha256) =>
        heldSize == size && string.Equals(heldSha256, sha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>A SHA-256 as 64 hex digits.</summary>
    public static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(Uri.IsHexDigit);

    /// <summary>Ids the hub made (request ids): letters, digits and '-', at most 64.</summary>
    public static bool IsId(string? text) =>
        text is { Length: > 0 and <= 64 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
