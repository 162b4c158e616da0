using Hall.Contract.Identity;
namespace Hall.SiteInspection.Evidence;

/// <summary>
/// An evidence pack as it goes into the outbox: the pack's JSON exactly as signed (kept as a string so no
/// re-serialisation can change a byte), the ES256 signature over its UTF-8 bytes, and the key that made it.
/// </summary>
public sealed record SignedPack(string Pack, string Signature, string KeyId, string PublicKey, string Algorithm = "ES256")
{
    public static SignedPack Of(EvidencePack pack, BoxKey signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var json = HallJson.SerializeToString(pack);
        return new SignedPack(json, signer.Sign(json), signer.KeyId, signer.PublicKey);
    }

    public bool Verify() => BoxKey.Verify(Pack, Signature, PublicKey);
}
