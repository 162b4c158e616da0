using System.Security.Cryptography;
using System.Text;

namespace Hall.Contract.Identity;

/// <summary>
/// The box's own key: ECDSA P-256, made on first use and kept in the data folder (readable by the box's user only). It
/// signs evidence packs and every uplink request; the county hub checks both against the public key the box was
/// enrolled with. The key id is the first 16 hex digits of the SHA-256 of the public key.
/// </summary>
public sealed class BoxKey : IDisposable
{
    /// <summary>The key's file in the box's data directory (its name from when only evidence packs were signed).</summary>
    public const string FileName = "inspection-signing.pem";

    private readonly ECDsa _key;

    private BoxKey(ECDsa key)
    {
        _key = key;
        PublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>SubjectPublicKeyInfo, base 64.</summary>
    public string PublicKey { get; }

    public string KeyId { get; }

    /// <summary>Loads the key at <paramref name="path"/>, or makes one there.</summary>
    public static BoxKey LoadOrCreate(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new BoxKey(key);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: false);
        return new BoxKey(key);
    }

    /// <summary>Signs the exact UTF-8 bytes of <paramref name="json"/> (ES256, IEEE P1363 r‖s), base 64.</summary>
    public string Sign(string json) => Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(json), HashAlgorithmName.SHA256));

    /// <summary>Signs <paramref name="data"/> (ES256, IEEE P1363 r‖s), base 64.</summary>
    public string Sign(ReadOnlySpan<byte> data) => Convert.ToBase64String(_key.SignData(data, HashAlgorithmName.SHA256));

    /// <summary>The key id of a public key (SubjectPublicKeyInfo, base 64), as <see cref="KeyId"/>; null when it is not one.</summary>
    public static string? KeyIdOf(string publicKey)
    {
        try
        {
            var bytes = Convert.FromBase64String(publicKey);
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(bytes, out _);
            return key.KeySize == 256 ? Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Checks a signature over raw bytes made by the key whose public part is <paramref name="publicKey"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> data, string signature, string publicKey)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            return key.VerifyData(data, Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Checks a signature made by the key whose public part is <paramref name="publicKey"/> (what the hub does).</summary>
    public static bool Verify(string json, string signature, string publicKey) => Verify(Encoding.UTF8.GetBytes(json), signature, publicKey);

    public void Dispose() => _key.Dispose();
}
