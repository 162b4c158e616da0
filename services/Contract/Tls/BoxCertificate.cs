using System.Security.Cryptography.X509Certificates;

namespace Hall.Contract.Tls;

/// <summary>
/// The box's own TLS certificate, for MQTT over TLS and HTTPS: made at first start (or by <c>hallctl box init</c>) in
/// Box:DataDirectory as box-cert.pem and box-key.pem (0600), naming localhost and Box:PublicNames. Devices and the
/// console's users check its <see cref="Fingerprint"/>, shown on the console and carried in each device's credentials.
/// </summary>
public static class BoxCertificate
{
    public const string CertificateFile = "box-cert.pem";
    public const string KeyFile = "box-key.pem";

    /// <summary>The box's certificate with its key; made now when the data directory has none.</summary>
    public static X509Certificate2 LoadOrCreate(string dataDirectory, IEnumerable<string> publicNames, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return SelfSignedCertificate.LoadOrCreate(dataDirectory, CertificateFile, KeyFile, "CN=Hall box", publicNames, time.GetUtcNow());
    }

    /// <summary>The certificate alone (no key), as a device or a test reads it: null when the box has made none yet.</summary>
    public static X509Certificate2? ReadPublic(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, CertificateFile);
        return File.Exists(path) ? X509Certificate2.CreateFromPem(File.ReadAllText(path)) : null;
    }

    /// <summary>Lowercase hex SHA-256 of the certificate's DER: what devices pin as <c>boxCertificateSha256</c>.</summary>
    public static string Fingerprint(X509Certificate certificate) => SelfSignedCertificate.Fingerprint(certificate);
}
