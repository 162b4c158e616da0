using Hall.Contract;
using Hall.Contract.Uplink;

namespace Hall.CountyHub.Ingest;

/// <summary>What the hub answers: 200 with an <see cref="UplinkAnswer"/>, or a refusal's status and <see cref="UplinkRefusal"/>.</summary>
public sealed record IngestOutcome(int Status, UplinkAnswer? Answer, UplinkRefusal? Refusal)
{
    /// <summary>The label of <c>hub_batches_total{result=…}</c>: ok, or the refusal's code.</summary>
    public string Result => Refusal?.Error.Code ?? "ok";

    public static IngestOutcome Ok(UplinkAnswer answer) => new(200, answer, null);

    public static IngestOutcome Refused(int status, string code, string message, long? mark = null, long? lastNonce = null, DateTimeOffset? hubTime = null) =>
        new(status, null, new UplinkRefusal(new ErrorBody(code, message), mark, lastNonce, hubTime));
}
