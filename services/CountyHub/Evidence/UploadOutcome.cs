using Hall.Contract;
using Hall.Contract.Evidence;

namespace Hall.CountyHub.Evidence;

/// <summary>What an upload route answers: 200 with an <see cref="UploadState"/>, or a status and an <see cref="UploadRefusal"/>.</summary>
public sealed record UploadOutcome(int Status, UploadState? State, UploadRefusal? Refusal)
{
    public static UploadOutcome Ok(UploadState state) => new(200, state, null);

    public static UploadOutcome Refused(int status, string code, string message, long? offset = null, long? lastNonce = null) =>
        new(status, null, new UploadRefusal(new ErrorBody(code, message), offset, lastNonce));
}
