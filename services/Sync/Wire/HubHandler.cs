using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hall.Sync.Wire;

/// <summary>The HTTPS handler every box → hub client uses: the hub's certificate pinned when Sync:HubCertificateSha256 is set.</summary>
internal static class HubHandler
{
    public static SocketsHttpHandler Create(SyncOptions options)
    {
        var pin = Normalize(options.HubCertificateSha256);
        return new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(20),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = pin is null ? null : (_, certificate, _, _) => Matches(certificate, pin),
            },
        };
    }

    private static string? Normalize(string? pin) =>
        string.IsNullOrWhiteSpace(pin) ? null : pin.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static bool Matches(X509Certificate? certificate, string pin) =>
        certificate is not null && CryptographicOperations.FixedTimeEquals(
            Convert.FromHexString(pin),
            SHA256.HashData(certificate.GetRawCertData()));
}
