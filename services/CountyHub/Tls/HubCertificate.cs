using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hall.CountyHub.Tls;

/// <summary>
/// The hub's TLS certificate: the operator's PEM pair, or a self-signed ECDSA P-256 one made at first start in the data
/// directory (hub-cert.pem, hub-key.pem readable by the hub's user only). Boxes pin its <see cref="Fingerprint"/>.
/// </summary>
public static class HubCertificate
{
    public const string CertificateFile = "hub-cert.pem";
    public const string KeyFile = "hub-key.pem";

    /// <summary>The certificate the settings name, or the generated one (made now if absent).</summary>
    public static X509Certificate2 Load(HubOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.CertificatePath)
            ? LoadOrCreate(options.DataDirectory, options.PublicNames, time)
            : X509Certificate2.CreateFromPemFile(options.CertificatePath, options.CertificateKeyPath);
    }

    public static X509Certificate2 LoadOrCreate(string dataDirectory, IEnumerable<string> publicNames, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var certPath = Path.Combine(dataDirectory, CertificateFile);
        var keyPath = Path.Combine(dataDirectory, KeyFile);
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            Create(dataDirectory, certPath, keyPath, publicNames, time.GetUtcNow());
        }

        return X509Certificate2.CreateFromPemFile(certPath, keyPath);
    }

    /// <summary>What a box pins as <c>Sync:HubCertificateSha256</c>: lowercase hex of the SHA-256 of the certificate's DER.</summary>
    public static string Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    private static void Create(string dataDirectory, string certPath, string keyPath, IEnumerable<string> publicNames, DateTimeOffset now)
    {
        Directory.CreateDirectory(dataDirectory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Hall county hub", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in publicNames.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase))
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
