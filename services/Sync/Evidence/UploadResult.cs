using System.Net;
using Hall.Contract.Evidence;

namespace Hall.Sync.Evidence;

/// <summary>What came of one upload request: the hub's state, its refusal, or no answer (the link).</summary>
public sealed record UploadResult(UploadState? State, HttpStatusCode? Status, UploadRefusal? Refusal, string? Failure)
{
    public string? Code => Refusal?.Error.Code;
}
