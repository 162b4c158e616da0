using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hall.Contract.Identity;

namespace Hall.Contract.Downlink;

/// <summary>
/// How the hub signs a configuration bundle and the box checks it: ES256 by the hub's signing key over the UTF-8 text
/// <c>hall-config-v1\n{box id}\n{version}\n{lowercase hex SHA-256 of the bundle bytes}</c>. The box id and the version
/// are inside what is signed, so a bundle made for another hall, or an older version replayed, does not verify as this
/// one.
/// </summary>
public static class ConfigSignature
{
    public static byte[] SigningBytes(string boxId, long version, ReadOnlySpan<byte> bundle)
    {
        ArgumentNullException.ThrowIfNull(boxId);
        return Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"hall-config-v1\n{boxId}\n{version}\n{Convert.ToHexStringLower(SHA256.HashData(bundle))}"));
    }

    /// <summary>True when <paramref name="offer"/> is signed by <paramref name="hubPublicKey"/> (SubjectPublicKeyInfo, base 64) for this box.</summary>
    public static bool Verify(ConfigOffer offer, string boxId, string hubPublicKey)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var bytes = SigningBytes(boxId, offer.Version, Encoding.UTF8.GetBytes(offer.Bundle));
        return BoxKey.Verify(bytes, offer.Signature, hubPublicKey);
    }
}
