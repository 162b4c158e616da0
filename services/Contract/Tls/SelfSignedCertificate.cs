using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hall.Contract.Tls;

/// <summary>
/// The one self-signed TLS certificate maker, shared by the county hub and the box: ECDSA P-256, ten years, the
/// names and addresses it is reached by, kept as a PEM pair in a data directory with the key readable by the
/// service's user only. Peers pin its <see cref="Fingerprint"/> instead of trusting a CA.
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>The pair in <paramref name="directory"/>, made now if either file is missing.</summary>
    public static X509Certificate2 LoadOrCreate(string directory, string certificateFile, string keyFile, string subject, IEnumerable<string> publicNames, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(publicNames);
        var certPath = Path.Combine(directory, certificateFile);
        var keyPath = Path.Combine(directory, keyFile);
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            Create(directory, certPath, keyPath, subject, publicNames, now);
        }

        return X509Certificate2.CreateFromPemFile(certPath, keyPath);
    }

    /// <summary>What a peer pins: lowercase hex of the SHA-256 of the certificate's DER.</summary>
    public static string Fingerprint(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>True when <paramref name="certificate"/> is the one whose fingerprint is <paramref name="expectedSha256"/> (hex, any case, ':' allowed).</summary>
    public static bool Matches(X509Certificate? certificate, string? expectedSha256)
    {
        if (certificate is null || string.IsNullOrWhiteSpace(expectedSha256))
        {
            return false;
        }

        var expected = expectedSha256.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Fingerprint(certificate)),
            System.Text.Encoding.ASCII.GetBytes(expected));
    }

    private static void Create(string directory, string certPath, string keyPath, string subject, IEnumerable<string> publicNames, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in publicNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        // The key first, private from its first byte; the certificate last, so a half-made pair is made again.
        var keyTemp = keyPath + ".tmp";
        File.WriteAllText(keyTemp, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyTemp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.AppendAllText(keyTemp, key.ExportPkcs8PrivateKeyPem());
        File.Move(keyTemp, keyPath, overwrite: true);
        var certTemp = certPath + ".tmp";
        File.WriteAllText(certTemp, certificate.ExportCertificatePem());
        File.Move(certTemp, certPath, overwrite: true);
    }
}
