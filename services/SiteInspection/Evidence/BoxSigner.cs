using System.Security.Cryptography;
using System.Text;

namespace Hall.SiteInspection.Evidence;

/// <summary>
/// The box's signing key for evidence packs: ECDSA P-256, made on first use and kept in the data folder (readable by
/// the box's user only). The hub checks a pack against the public key the box enrolled with; the key id is the first
/// 16 hex digits of the SHA-256 of the public key.
/// </summary>
public sealed class BoxSigner : IDisposable
{
    private readonly ECDsa _key;

    private BoxSigner(ECDsa key)
    {
        _key = key;
        PublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>SubjectPublicKeyInfo, base 64.</summary>
    public string PublicKey { get; }

    public string KeyId { get; }

    /// <summary>Loads the key at <paramref name="path"/>, or makes one there.</summary>
    public static BoxSigner LoadOrCreate(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new BoxSigner(key);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: false);
        return new BoxSigner(key);
    }

    /// <summary>Signs the exact UTF-8 bytes of <paramref name="json"/> (ES256, IEEE P1363 r‖s), base 64.</summary>
    public string Sign(string json) => Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(json), HashAlgorithmName.SHA256));

    /// <summary>Checks a signature made by the key whose public part is <paramref name="publicKey"/> (what the hub does).</summary>
    public static bool Verify(string json, string signature, string publicKey)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        return key.VerifyData(Encoding.UTF8.GetBytes(json), Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
    }

    public void Dispose() => _key.Dispose();
}
