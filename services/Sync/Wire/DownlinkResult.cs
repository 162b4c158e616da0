using System.Net;
using Hall.Contract.Downlink;
using Hall.Contract.Uplink;

namespace Hall.Sync.Wire;

/// <summary>What came of one poll: the hub's answer, its refusal, or no answer at all (the link).</summary>
public sealed record DownlinkResult(DownlinkAnswer? Answer, HttpStatusCode? Status, UplinkRefusal? Refusal, string? Failure)
{
    public static DownlinkResult Accepted(DownlinkAnswer answer) => new(answer, HttpStatusCode.OK, null, null);

    public static DownlinkResult Refused(HttpStatusCode status, UplinkRefusal refusal) => new(null, status, refusal, null);

    public static DownlinkResult Failed(string failure) => new(null, null, null, failure);
}
