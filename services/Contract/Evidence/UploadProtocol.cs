using System.Globalization;

namespace Hall.Contract.Evidence;

/// <summary>
/// Resumable upload of a video the county hub asked for, box → hub (docs/sync.md#uploads). Every request is signed as
/// the uplink's (<see cref="Uplink.UplinkProtocol.SigningBytes"/> over the method, the path, the box id, the nonce and the
/// body), with its own nonce channel (<c>uploads</c>), so an upload never refuses a batch of events or the other way.
/// <list type="bullet">
/// <item><c>POST /sync/v1/uploads</c>, JSON <see cref="UploadCreate"/>: begins (or finds) the upload of a request.</item>
/// <item><c>GET /sync/v1/uploads/{requestId}</c>, empty body: where it stands.</item>
/// <item><c>PUT /sync/v1/uploads/{requestId}/{offset}</c>, the bytes from that offset: appended, written to disk and
/// fsynced before the answer.</item>
/// <item><c>POST /sync/v1/uploads/{requestId}/finish</c>, empty body: the SHA-256 of the whole is checked.</item>
/// </list>
/// Every answer is an <see cref="UploadState"/> (200) or <c>{"error":{…},"offset":n}</c>.
/// </summary>
public static class UploadProtocol
{
    public const string Path = "/sync/v1/uploads";

    public static string StatusPath(string requestId) => $"{Path}/{requestId}";

    public static string ChunkPath(string requestId, long offset) => string.Create(CultureInfo.InvariantCulture, $"{Path}/{requestId}/{offset}");

    public static string FinishPath(string requestId) => $"{Path}/{requestId}/finish";
}

/// <summary>Begins the upload of a requested video: which request, its inspection, the size and SHA-256 of the whole file.</summary>
public sealed record UploadCreate(string RequestId, string InspectionId, long Size, string Sha256);

/// <summary>Where an upload stands at the hub: <paramref name="Offset"/> bytes are stored durably; state receiving or complete.</summary>
public sealed record UploadState(string RequestId, long Offset, long Size, string State);

/// <summary>A refused upload request: the error and, where it helps the box, the offset the hub holds or its last nonce.</summary>
public sealed record UploadRefusal(ErrorBody Error, long? Offset = null, long? LastNonce = null);
