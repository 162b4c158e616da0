using System.Net;
using Hall.Contract.Uplink;

namespace Hall.Sync.Wire;

/// <summary>What came of one request: the hub's answer, its refusal, or no answer at all (the link).</summary>
public sealed record UplinkResult(UplinkAnswer? Answer, HttpStatusCode? Status, UplinkRefusal? Refusal, string? Failure)
{
    public static UplinkResult Accepted(UplinkAnswer answer) => new(answer, HttpStatusCode.OK, null, null);

    public static UplinkResult Refused(HttpStatusCode status, UplinkRefusal refusal) => new(null, status, refusal, null);

    public static UplinkResult Failed(string failure) => new(null, null, null, failure);
}
