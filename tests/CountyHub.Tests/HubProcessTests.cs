using System.Net;
using System.Net.Http.Headers;
using Hall.Contract;
using Hall.Contract.Uplink;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Hall.Tests.Shared;

namespace Hall.CountyHub.Tests;

/// <summary>The real hub executable on a free loopback port over HTTPS, its generated certificate pinned by fingerprint.</summary>
public sealed class HubProcessTests
{
    [Fact]
    public async Task The_hub_takes_a_signed_batch_over_https_with_a_pinned_certificate()
    {
        await using var hub = new HubProcess();
        using var box = new TestBox("xx-town");
        using (var database = hub.OpenDatabase())
        {
            await HubMigrator.ApplyAsync(database, DateTimeOffset.UtcNow);
            await new BoxDirectory(database, TimeProvider.System).EnrollAsync(box.BoxId, box.Key.PublicKey, replace: false);
        }

        // The certificate is made before the hub starts (as hallctl hub enroll does), its fingerprint pinned by the client.
        await hub.StartAsync();
        using var http = hub.Client();
        http.BaseAddress = hub.BaseUri;

        box.Clock = DateTimeOffset.UtcNow;
        var request = box.Request(box.Batch(1, box.Tickets(1, 4)));
        using var response = await http.SendAsync(Post(request));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}\n{hub.Log}");
        var answer = HallJson.Deserialize<UplinkAnswer>(text)!;
        Assert.Equal((4L, 4), (answer.Mark, answer.Stored));

        // The same request again is a replay: refused with the shape of docs/sync.md.
        using var replayed = await http.SendAsync(Post(request));
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Contains("\"code\":\"sync-replayed\"", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains("hub_events_stored_total 4", metrics, StringComparison.Ordinal);
        Assert.Contains("hub_box_mark{box=\"xx-town\",epoch=\"3f9c0a6b12d4e587\"} 4", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_hub_with_exit_code_2_naming_the_key()
    {
        await using var hub = new HubProcess();
        hub.Output.Expect("Hub:");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => hub.StartAsync("--Hub:HttpsPort=70000", "--Hub:Database=postgres"));

        Assert.Equal(2, hub.ExitCode);
        Assert.Contains("Hub:HttpsPort", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Hub:ConnectionString", refused.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Post(IngestRequest request)
    {
        var content = new ByteArrayContent(request.Body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(UplinkProtocol.ContentEncoding);
        var post = new HttpRequestMessage(HttpMethod.Post, UplinkProtocol.EventsPath) { Content = content };
        post.Headers.Add(UplinkProtocol.BoxHeader, request.BoxId);
        post.Headers.Add(UplinkProtocol.NonceHeader, request.Nonce);
        post.Headers.Add(UplinkProtocol.SignatureHeader, request.Signature);
        return post;
    }
}
