using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hall.Sync.Wire;

/// <summary>
/// The one way the box talks HTTPS to its hub (uplink and downlink): the hub's certificate pinned when
/// Sync:HubCertificateSha256 is set, no proxy, the request timeout of the settings.
/// </summary>
internal static class HubHttp
{
    public static HttpClient Create(SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pin = Normalize(options.HubCertificateSha256);
        var handler = new SocketsHttpHandler
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
        return new HttpClient(handler) { Timeout = options.RequestTimeout };
    }

    /// <summary>A failure of the link, in words for the console.</summary>
    public static string Describe(HttpRequestException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "无法解析县级中心的地址",
            HttpRequestError.ConnectionError => "无法连接县级中心",

            // A certificate refused is not the same as a link that dropped during the handshake.
            HttpRequestError.SecureConnectionError when ex.InnerException is System.Security.Authentication.AuthenticationException =>
                "县级中心的证书与登记的不符(Sync:HubCertificateSha256),未发送任何记录",
            _ => "连接中断",
        };
    }

    private static string? Normalize(string? pin) =>
        string.IsNullOrWhiteSpace(pin) ? null : pin.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static bool Matches(X509Certificate? certificate, string pin) =>
        certificate is not null && CryptographicOperations.FixedTimeEquals(
            Convert.FromHexString(pin),
            SHA256.HashData(certificate.GetRawCertData()));
}
