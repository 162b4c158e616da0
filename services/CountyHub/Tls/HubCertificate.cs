using System.Security.Cryptography.X509Certificates;
using Hall.Contract.Tls;

namespace Hall.CountyHub.Tls;

/// <summary>
/// The hub's TLS certificate: the operator's PEM pair, or a self-signed ECDSA P-256 one made at first start in the data
/// directory (hub-cert.pem, hub-key.pem readable by the hub's user only). Boxes pin its <see cref="Fingerprint"/>.
/// The making is <see cref="SelfSignedCertificate"/>'s, shared with the box's own certificate.
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
        return SelfSignedCertificate.LoadOrCreate(dataDirectory, CertificateFile, KeyFile, "CN=Hall county hub", publicNames, time.GetUtcNow());
    }

    /// <summary>What a box pins as <c>Sync:HubCertificateSha256</c>: lowercase hex of the SHA-256 of the certificate's DER.</summary>
    public static string Fingerprint(X509Certificate2 certificate) => SelfSignedCertificate.Fingerprint(certificate);
}
