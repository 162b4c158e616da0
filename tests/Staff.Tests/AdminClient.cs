using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;

namespace Hall.Staff.Tests;

/// <summary>What the admin page's script does: JSON calls with the X-Hall-Admin header.</summary>
internal static class AdminClient
{
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null, bool withHeader = true, string header = "X-Hall-Admin")
    {
        using var request = new HttpRequestMessage(method, path);
        if (withHeader)
        {
            request.Headers.Add(header, "1");
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: HallJson.Options);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string staffId, string password) =>
        client.SendAsync(HttpMethod.Post, "/admin/api/login", new { staffId, password });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<string?> ErrorCodeAsync(this HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        return json.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;
    }
}
