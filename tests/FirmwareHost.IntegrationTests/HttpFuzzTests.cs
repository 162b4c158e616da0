using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Hall.Contract;
using Hall.FirmwareHost.Access;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// Random bytes and random JSON sent to every HTTP request handler of a running box that takes a body (POST, PATCH,
/// PUT, DELETE from its own endpoint list), each as the one who may use it (the right web device, a signed-in admin, the
/// ticket's link key): never a 500, the box stays up and logs no error, and nothing changes (tickets, ratings, cases,
/// counters, staff, devices, uploads).
/// </summary>
public sealed class HttpFuzzTests : IAsyncLifetime
{
    private const string AdminPassword = "Fuzz-Hall-2026";

    // No ASCII letters or digits: a random string is never a valid id, category prefix, PIN or role, so a random body
    // is invalid input and must change nothing.
    private const string WeirdChars = " \t\n\"\\/'<>&{}[]:,.-_~!@#$%^*()+=|?`\u0000\u0001\u001f\u007f\u00e9\u4e00\u53f7\u7a97\u3000\ud83d\ude00";

    private static readonly string[] Keys =
    [
        "requestId", "category", "ticketNo", "level", "reasons", "comment", "cmd", "staffId", "pin", "password", "name",
        "role", "deviceId", "counter", "toCategory", "toCounter", "priority", "fileName", "size", "sha256", "note", "kind",
        "id", "source", "prefix", "categories", "web", "replace", "itemCode", "applicant",
    ];

    private readonly BoxProcess _box = new("fuzz");
    private readonly List<HttpClient> _clients = [];
    private Hall.DeviceRegistry.DeviceCredentials _kiosk = null!;

    public async Task InitializeAsync()
    {
        _kiosk = _box.Enroll("kiosk-1", DeviceRole.Kiosk);
        await _box.StartAsync($"--Staff:BootstrapAdminPassword={AdminPassword}", "--Staff:HashIterations=1000");
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _box.DisposeAsync();
    }

    [Fact]
    public async Task Random_bytes_and_random_json_to_every_handler_give_no_500_and_change_nothing()
    {
        // Who sends what: the route's own audience, so each request reaches its handler, not only the door.
        var ticket = await MosquittoClient.RequestAsync(_box, _kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        var qr = new Uri(ticket.GetProperty("qr").GetString()!);
        var ticketNo = ticket.GetProperty("ticketNo").GetString()!;
        var stranger = Track(WebDevices.Client(_box));
        var admin = Track(WebDevices.Client(_box));
        using (var login = await Send(admin, HttpMethod.Post, "/admin/api/login", JsonSerializer.SerializeToUtf8Bytes(new { staffId = "admin", password = AdminPassword })))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var devices = new Dictionary<DeviceRole, HttpClient>
        {
            [DeviceRole.Kiosk] = Track(await WebDevices.SetUpAsync(_box, "fz-kiosk", DeviceRole.Kiosk)),
            [DeviceRole.Evaluator] = Track(await WebDevices.SetUpAsync(_box, "fz-tablet", DeviceRole.Evaluator, "1")),
            [DeviceRole.Caller] = Track(await WebDevices.SetUpAsync(_box, "fz-counter", DeviceRole.Caller, "1")),
        };

        var targets = RouteAudienceTests.Routes()
            .SelectMany(r => r.Methods.Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE").Select(m => (r.Pattern, Method: m, r.Rule!)))

            // Signing out would end the admin's session for the rest of the run; it reads no body.
            .Where(t => t.Pattern != "/admin/api/logout")
            .Select(t => (Method: t.Method, Path: PathOf(t.Pattern, t.Item3, ticketNo, qr.Query), Client: t.Item3.Audience switch
            {
                BoxAudience.Device => devices[t.Item3.DeviceRole!.Value],
                BoxAudience.Staff => admin,
                _ => stranger,
            }))
            .ToList();
        Assert.Contains(targets, t => t.Path == "/api/kiosk/ticket");
        Assert.Contains(targets, t => t.Path.StartsWith("/api/evaluate/1", StringComparison.Ordinal));
        Assert.Contains(targets, t => t.Path.StartsWith("/admin/api/staff", StringComparison.Ordinal));

        var before = BoxState.Snapshot(_box);
        var failures = new List<string>();
        await Gen.Select(Gen.Int[0, targets.Count - 1], Body()).SampleAsync(
            async (index, body) =>
            {
                var (method, path, client) = targets[index];
                using var response = await Send(client, new HttpMethod(method), path, body);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {path} {(int)response.StatusCode}: {Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 64)))}");
                }
            },
            iter: 600,
            threads: 1);

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(before, BoxState.Snapshot(_box));
        using var health = await stranger.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Random bytes, random JSON of any shape, or a request whose requestId holds bytes that are not UTF-8.</summary>
    private static Gen<byte[]> Body()
    {
        var weird = Gen.Int[0, WeirdChars.Length - 1].Array[0, 12].Select(a => new string([.. a.Select(i => WeirdChars[i])]));
        var text = Gen.OneOf(weird.Select(s => JsonSerializer.Serialize(s)), Gen.Const("\"\\ud800\\udfff\\ud800\""));
        var scalar = Gen.OneOf(
            text,
            Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Bool.Select(b => b ? "true" : "false"),
            Gen.Const("null"));
        var json = Value(scalar, Gen.OneOf(Gen.Int[0, Keys.Length - 1].Select(i => JsonSerializer.Serialize(Keys[i])), text), 3);
        var notUtf8 = Gen.Byte.Array[1, 8].Select(bad => (byte[])[.. Encoding.UTF8.GetBytes("{\"requestId\":\""), 0xff, .. bad, .. Encoding.UTF8.GetBytes("\",\"category\":\"A\",\"level\":5}")]);
        return Gen.OneOf(Gen.Byte.Array[0, 300], json.Select(Encoding.UTF8.GetBytes), notUtf8);
    }

    private static Gen<string> Value(Gen<string> scalar, Gen<string> key, int depth)
    {
        if (depth == 0)
        {
            return scalar;
        }

        var inner = Value(scalar, key, depth - 1);
        var obj = Gen.Select(key, inner).Array[0, 6].Select(members => "{" + string.Join(",", members.Select(m => m.Item1 + ":" + m.Item2)) + "}");
        var array = inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");
        return Gen.OneOf(scalar, obj, obj, array);
    }

    /// <summary>A route's path: the device's own counter, the ticket with its link key, ids that name nothing for the rest.</summary>
    private static string PathOf(string pattern, BoxAccessRule rule, string ticketNo, string ticketKey)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
        {
            "counter" => rule.Audience == BoxAudience.Device ? "1" : "9z",
            "ticketNo" => rule.Audience == BoxAudience.TicketHolder ? ticketNo : "Z999",
            _ when m.Groups[2].Value is ":long" or ":int" => "987654",
            _ => "x",
        });
        return rule.Audience == BoxAudience.TicketHolder ? path + ticketKey : path;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, byte[] body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hall-Admin", "1");
        request.Headers.Add("X-Hall-Counter", "1");
        request.Headers.Add("Upload-Offset", "0");
        return client.SendAsync(request);
    }

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }
}
