using System.Globalization;
using Hall.Contract.Uplink;

namespace Hall.Contract.Downlink;

/// <summary>
/// The downlink, hub → box, version 1 (docs/sync.md): the box polls <c>GET /sync/v1/downlink?config=…&amp;after=…</c>,
/// signed with the same headers as the uplink (<see cref="UplinkProtocol.BoxHeader"/>, nonce, signature) over the
/// method, the path with its query, the box id, the nonce and an empty body. The answer is a <see cref="DownlinkAnswer"/>.
/// </summary>
public static class DownlinkProtocol
{
    public const string Path = "/sync/v1/downlink";

    /// <summary>Query: the configuration version the box runs (0 when it runs none from the hub).</summary>
    public const string ConfigParameter = "config";

    /// <summary>Query: the cursor of the last message the box stored (0 for none).</summary>
    public const string AfterParameter = "after";

    /// <summary>The path and query the box requests and signs, e.g. <c>/sync/v1/downlink?config=3&amp;after=17</c>.</summary>
    public static string PathAndQuery(long configVersion, long after) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path}?{ConfigParameter}={configVersion}&{AfterParameter}={after}");

    /// <summary>What the box signs for a poll: the uplink's signing text over GET, the path and query, and an empty body.</summary>
    public static byte[] SigningBytes(string pathAndQuery, string boxId, long nonce) =>
        UplinkProtocol.SigningBytes("GET", pathAndQuery, boxId, nonce, ReadOnlySpan<byte>.Empty);
}
