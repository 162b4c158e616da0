using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Hall.Contract;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// A browser on some machine of the hall LAN: its connections come from a given loopback address (127.x.y.z, all of
/// which reach the box on 127.0.0.1), keeps cookies, and calls the admin page's API as its script does.
/// </summary>
internal static class LanBrowser
{
    public static HttpClient Create(BoxProcess box, string from, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => box.IsBoxCertificate(c) },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            // Staff sign in over HTTPS only, on the hall LAN as anywhere.
            BaseAddress = box.HttpsUri,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task<(HttpStatusCode Status, string? Code)> LoginAsync(this HttpClient browser, string staffId, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/login")
        {
            Content = JsonContent.Create(new { staffId, password }, options: HallJson.Options),
        };
        request.Headers.Add("X-Hall-Admin", "1");
        using var response = await browser.SendAsync(request);
        return (response.StatusCode, await CodeAsync(response));
    }

    public static async Task<HttpStatusCode> AdminPostAsync(this HttpClient browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Hall-Admin", "1");
        using var response = await browser.SendAsync(request);
        return response.StatusCode;
    }

    public static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0 || text[0] != '{')
        {
            return null;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;
    }
}
