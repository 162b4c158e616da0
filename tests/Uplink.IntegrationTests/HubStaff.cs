using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hall.Contract;

namespace Hall.Uplink.IntegrationTests;

/// <summary>County staff at the hub of a rig, as its pages call it: a cookie client that trusts only the rig's hub.</summary>
internal static class HubStaff
{
    public static HttpClient Client(UplinkRig rig)
    {
        var fingerprint = rig.Hub.Fingerprint;
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && Convert.ToHexStringLower(SHA256.HashData(cert.RawData)) == fingerprint,
        };
        return new HttpClient(handler) { BaseAddress = rig.Hub.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A request as the hub's pages send it (the header the hub asks of every change).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: HallJson.Options);
        }

        request.Headers.Add("X-Hall-Hub", "1");
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static string Shot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
