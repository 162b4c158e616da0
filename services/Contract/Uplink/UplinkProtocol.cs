using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hall.Contract.Uplink;

/// <summary>
/// The uplink between a box and its county hub, version 1 (docs/sync.md): one request, <c>POST /sync/v1/events</c>,
/// a Brotli-compressed JSON batch, signed with the box's own key.
/// </summary>
public static class UplinkProtocol
{
    public const int Version = 1;

    public const string EventsPath = "/sync/v1/events";

    /// <summary>The box id the request is signed for (the hall id).</summary>
    public const string BoxHeader = "X-Hall-Box";

    /// <summary>A number the box never uses twice and that only grows (its hybrid logical clock): replay protection.</summary>
    public const string NonceHeader = "X-Hall-Nonce";

    /// <summary>ES256 over <see cref="SigningBytes"/>, IEEE P1363, base 64.</summary>
    public const string SignatureHeader = "X-Hall-Signature";

    public const string ContentEncoding = "br";

    /// <summary>What the box signs: the method, the path, the box id, the nonce and the SHA-256 of the body exactly as sent (compressed).</summary>
    public static byte[] SigningBytes(string method, string path, string boxId, long nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(boxId);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"hall-sync-v1\n{method.ToUpperInvariant()}\n{path}\n{boxId}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");
        return Encoding.UTF8.GetBytes(text);
    }
}
