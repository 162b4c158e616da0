using System.Net;
using System.Net.Http.Headers;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.IntegrationTests;
using Hall.Store.Uplink;
using Hall.Sync.Wire;

namespace Hall.Uplink.IntegrationTests;

/// <summary>The hub takes events only from enrolled boxes, for their own id, signed over the exact bytes, never twice.</summary>
public sealed class IdentityTests
{
    [Fact]
    public async Task A_revoked_box_is_refused_and_shows_it_and_nothing_more_of_it_is_stored()
    {
        await using var rig = await UplinkRig.StartHubAsync("gone-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        await rig.StartBoxAsync();
        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 2);
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));
        var before = (await rig.HubEventsAsync()).Count;

        rig.Hallctl(["hub", "revoke", "--box", "gone-town", .. rig.Hub.StoreArgs]);
        await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 3);

        await Eventually.HoldsAsync(async () => await rig.BoxMetricAsync("hall_sync_state{state=\"refused\"}") == 1, "the box shows the refusal");
        Assert.True(await rig.BoxMetricAsync("hall_sync_last_error{code=\"sync-box-revoked\"}") > 0);

        // The duty manager is told (the console's alerts): nothing goes up until someone acts, nothing is lost.
        using (var connection = rig.Box.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM alerts WHERE type = 'uplink-refused' AND active = 1";
            Assert.Equal(1L, (long)command.ExecuteScalar()!);
        }
        Assert.Equal(before, (await rig.HubEventsAsync()).Count);
    }

    [Fact]
    public async Task A_box_the_hub_does_not_know_and_one_posing_as_another_are_refused()
    {
        await using var rig = await UplinkRig.StartHubAsync("real-town");

        // A second box, never enrolled, pointed at the same hub with the settings of the first.
        await using var stranger = new BoxProcess("stranger-town");
        await stranger.StartAsync([.. rig.SyncArgs, "--Sync:MinBackoff=00:00:00.050", "--Sync:MaxBackoff=00:00:01"]);
        await Eventually.HoldsAsync(async () => await UplinkRig.MetricAsync(stranger, "hall_sync_last_error{code=\"sync-unknown-box\"}") > 0, "the unknown box refused");

        // A third box claiming the enrolled box's id, with its own key.
        await using var impostor = new BoxProcess("real-town");
        await impostor.StartAsync([.. rig.SyncArgs, "--Sync:MinBackoff=00:00:00.050", "--Sync:MaxBackoff=00:00:01"]);
        await Eventually.HoldsAsync(async () => await UplinkRig.MetricAsync(impostor, "hall_sync_last_error{code=\"sync-bad-signature\"}") > 0, "the impostor refused");

        Assert.Equal(0, await rig.Hub.ScalarAsync("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Another_boxs_batch_a_tampered_batch_and_a_replayed_request_are_refused()
    {
        await using var rig = await UplinkRig.StartHubAsync("a-town");
        using var keyA = BoxKey.LoadOrCreate(Path.Combine(rig.Box.DataDirectory, BoxKey.FileName));
        var directoryB = Path.Combine(rig.Hub.DataDirectory, "b-town");
        using var keyB = BoxKey.LoadOrCreate(Path.Combine(directoryB, BoxKey.FileName));
        rig.Hallctl(["hub", "enroll", "--box", "b-town", "--public-key", keyB.PublicKey, "--hub-url", "https://127.0.0.1:8443", .. rig.Hub.StoreArgs]);
        using var http = rig.Hub.Client();

        var batchOfA = Batch("a-town");
        Assert.Equal((HttpStatusCode.Forbidden, UplinkErrorCodes.WrongBox), await PostAsync(http, rig, "b-town", keyB, batchOfA, 1));
        Assert.Equal((HttpStatusCode.Unauthorized, UplinkErrorCodes.BadSignature), await PostAsync(http, rig, "a-town", keyB, batchOfA, 2));

        var tampered = (byte[])batchOfA.Clone();
        var signature = keyA.Sign(UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, "a-town", 3, batchOfA));
        tampered[^2] ^= 0x20;
        Assert.Equal((HttpStatusCode.Unauthorized, UplinkErrorCodes.BadSignature), await PostAsync(http, rig, "a-town", signature, tampered, 3));

        Assert.Equal((HttpStatusCode.OK, null), await PostAsync(http, rig, "a-town", keyA, batchOfA, 4));
        Assert.Equal((HttpStatusCode.Conflict, UplinkErrorCodes.Replayed), await PostAsync(http, rig, "a-town", keyA, batchOfA, 4));
        Assert.Equal(1, await rig.Hub.ScalarAsync("SELECT count(*) FROM events"));
    }

    private static byte[] Batch(string boxId) => BatchEncoder.Encode(
        new BatchHeader(boxId, "某某镇便民服务中心", "Asia/Shanghai", "0123456789abcdef", DateTimeOffset.UtcNow, 1),
        new PendingBatch("0123456789abcdef", 1, 1, null, [new OutboxRow(1, "TicketIssued", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), 1, "{\"ticketNo\":\"A001\",\"category\":\"A\"}")]));

    private static Task<(HttpStatusCode, string?)> PostAsync(HttpClient http, UplinkRig rig, string boxId, BoxKey key, byte[] body, long nonce) =>
        PostAsync(http, rig, boxId, key.Sign(UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, boxId, nonce, body)), body, nonce);

    private static async Task<(HttpStatusCode, string?)> PostAsync(HttpClient http, UplinkRig rig, string boxId, string signature, byte[] body, long nonce)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(UplinkProtocol.ContentEncoding);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.Hub.BaseUri, UplinkProtocol.EventsPath)) { Content = content };
        request.Headers.Add(UplinkProtocol.BoxHeader, boxId);
        request.Headers.Add(UplinkProtocol.NonceHeader, nonce.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(UplinkProtocol.SignatureHeader, signature);
        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? null : HallJson.Deserialize<UplinkRefusal>(json)!.Error.Code);
    }
}
