namespace Hall.Contract.Downlink;

/// <summary>
/// A signed configuration version for one box. <paramref name="Bundle"/> is the <see cref="ConfigBundle"/> as JSON
/// text; the signature is over <see cref="ConfigSignature.SigningBytes"/> of its exact UTF-8 bytes, so the box checks
/// what it received before it parses anything.
/// </summary>
/// <param name="Version">The county configuration version (as in the bundle).</param>
/// <param name="Bundle">The bundle's JSON text, exactly as signed.</param>
/// <param name="Signature">ES256 (IEEE P1363 r‖s), base 64, by the hub's signing key.</param>
/// <param name="KeyId">The first 16 hex digits of the SHA-256 of the hub's public key (which key signed).</param>
public sealed record ConfigOffer(long Version, string Bundle, string Signature, string KeyId);
