using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hall.Contract;
using Hall.Tests.Shared;
using Microsoft.Playwright;
using static Hall.Uplink.IntegrationTests.HubStaff;
using static Microsoft.Playwright.Assertions;

namespace Hall.Uplink.IntegrationTests;

/// <summary>
/// 调取视频 end to end: a supervisor asks for an inspection's full video on the hub, the request goes down, and the video
/// arrives whole through a link that keeps cutting while the hall keeps issuing tickets; a video the box no longer keeps
/// is answered as such, and a box killed mid-upload goes on after its restart. The 云踏勘 page shows both, and plays the one that arrived.
/// </summary>
public sealed class EvidenceVideoTests
{
    [Fact]
    public async Task A_requested_video_arrives_whole_through_cuts_of_the_link_while_the_box_keeps_sending_its_events()
    {
        await using var rig = await UplinkRig.StartHubAsync("video-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        string[] settings = ["--Sync:UploadChunkKiB=64", "--Sync:BandwidthKbps=8000", "--Sync:DownlinkInterval=00:00:00.300", "--Box:HallName=西河乡便民服务中心"];
        await rig.StartBoxAsync(settings);

        // Two checked inspections: insp-1's video is still kept, insp-2's is past its retention and deleted.
        var video = RandomNumberGenerator.GetBytes((3 * 1024 * 1024) + 123);
        var sha = Convert.ToHexStringLower(SHA256.HashData(video));
        var path = Path.Combine(rig.Box.DataDirectory, "inspection", "videos", "insp-1.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, video);
        BoxSql($$"""
            INSERT INTO inspection_verdicts(inspection_id, application_id, upload_id, passed, verdict_json, signed_pack_json, video_path, video_sha256, video_expires, checked_at, video_deleted_at)
            VALUES ('insp-1', 'app-1', 'up-1', 0, '{"passed":false,"results":[],"failedCheckpoints":[]}', '{}', '{{path}}', '{{sha}}', '2099-01-01T00:00:00Z', '2026-12-03T06:00:00Z', NULL),
                   ('insp-2', 'app-2', 'up-2', 1, '{"passed":true,"results":[],"failedCheckpoints":[]}', '{}', NULL, '{{new string('0', 64)}}', '2026-11-01T00:00:00Z', '2026-10-01T06:00:00Z', '2026-11-01T00:00:00Z')
            """);

        // The hub has both verdicts (as the uplink brings them with their evidence packs).
        await HubSqlAsync("""
            INSERT INTO inspection_verdicts(box_id, inspection_id, application_id, item_code, verdict, reasons, checked_at, verified, hall_day, updated_hlc)
            VALUES ('video-town', 'insp-1', 'app-1', 'B-SC-001', 'failed', '["门头招牌"]', '2026-12-03T06:00:00.000Z', 1, '2026-12-03', 1),
                   ('video-town', 'insp-2', 'app-2', 'B-SC-001', 'passed', NULL, '2026-10-01T06:00:00.000Z', 1, '2026-10-01', 2)
            """);

        // A stranger cannot ask; a supervisor (here the county admin) can, and asking twice makes one request.
        using (var stranger = Client(rig))
        using (var refused = await SendAsync(stranger, HttpMethod.Post, "/api/inspections/video-town/insp-1/video"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var county = Client(rig);
        using (var signedIn = await SendAsync(county, HttpMethod.Post, "/api/login", new { userId = "admin", password = rig.Hub.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        rig.Proxy.RandomCuts(new Random(11), 200_000, 900_000);
        string requestId;
        using (var asked = await SendAsync(county, HttpMethod.Post, "/api/inspections/video-town/insp-1/video"))
        {
            Assert.True(asked.StatusCode == HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
            requestId = (await JsonAsync(asked)).GetProperty("requestId").GetString()!;
        }

        using (var again = await SendAsync(county, HttpMethod.Post, "/api/inspections/video-town/insp-1/video"))
        {
            Assert.Equal(requestId, (await JsonAsync(again)).GetProperty("requestId").GetString());
        }

        using (var gone = await SendAsync(county, HttpMethod.Post, "/api/inspections/video-town/insp-2/video"))
        {
            Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        }

        // Bytes from anyone but the box, signed by no key, are refused before anything is stored.
        using (var forger = Client(rig))
        using (var chunk = new HttpRequestMessage(HttpMethod.Put, new Uri($"/sync/v1/uploads/{requestId}/0", UriKind.Relative)) { Content = new ByteArrayContent(new byte[1000]) })
        {
            chunk.Headers.Add("X-Hall-Box", "video-town");
            chunk.Headers.Add("X-Hall-Nonce", "1");
            chunk.Headers.Add("X-Hall-Signature", Convert.ToBase64String(new byte[64]));
            using var refused = await forger.SendAsync(chunk);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("sync-bad-signature", (await JsonAsync(refused)).GetProperty("error").GetProperty("code").GetString());
        }

        // Mid-upload the box loses its power; started again, it goes on from what the hub holds.
        await Eventually.HoldsAsync(async () => await rig.Hub.ScalarAsync($"SELECT received FROM video_requests WHERE request_id = '{requestId}'") > 0, "the upload begun");
        rig.Box.Kill();
        await rig.StartBoxAsync(settings);

        // The hall goes on issuing tickets the whole time.
        var tickets = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (await rig.Hub.ScalarAsync($"SELECT count(*) FROM video_requests WHERE request_id = '{requestId}' AND state = 'received'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The video did not arrive.\nBox:\n{rig.Box.Log}\nHub:\n{rig.Hub.Log}");
            await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 5);
            tickets += 5;
        }

        rig.Proxy.Disarm();
        Assert.True(rig.Proxy.Cuts >= 2, $"{rig.Proxy.Cuts} cuts");
        using (var file = await SendAsync(county, HttpMethod.Get, $"/api/videos/{requestId}/file"))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await file.Content.ReadAsByteArrayAsync())));
        }

        using (var stranger = Client(rig))
        using (var refused = await SendAsync(stranger, HttpMethod.Get, $"/api/videos/{requestId}/file"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Every event of the hall got there too, each once; the video no longer kept is said so.
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(tickets, await rig.Hub.ScalarAsync("SELECT count(*) FROM tickets WHERE box_id = 'video-town'"));
        await Eventually.HoldsAsync(async () => await rig.Hub.ScalarAsync("SELECT count(*) FROM video_requests WHERE inspection_id = 'insp-2' AND state = 'gone'") == 1, "insp-2 answered as gone");
        Assert.Equal(2, await rig.Hub.ScalarAsync("SELECT count(*) FROM hub_audit WHERE action = '调取视频'"));

        // The 云踏勘 page, as a supervisor's desk shows it.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, IgnoreHTTPSErrors = true });
        await page.GotoAsync(new Uri(rig.Hub.BaseUri, "login").ToString());
        await page.FillAsync("#user-id", "admin");
        await page.FillAsync("#password", rig.Hub.AdminPassword);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#hub-clock")).ToContainTextAsync(":");
        await page.GotoAsync(new Uri(rig.Hub.BaseUri, "inspections").ToString());
        await Expect(page.Locator("td.slot-video[data-inspection-id='insp-1']")).ToContainTextAsync("已收到");
        await Expect(page.Locator("td.slot-video[data-inspection-id='insp-2']")).ToContainTextAsync("本地已不保存");
        await page.ClickAsync("td.slot-video[data-inspection-id='insp-1'] button.ev-play");
        await Expect(page.Locator("#inspection-detail video")).ToHaveAttributeAsync("src", $"/api/videos/{requestId}/file");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-inspections-video-1920.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 768);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("hub-inspections-video-1366.png"), FullPage = true });
        await Eventually.HoldsAsync(() => Task.FromResult(BoxScalar("SELECT count(*) FROM evidence_uploads WHERE state = 'sent'") == 1), "the box marks the upload sent");

        void BoxSql(string sql)
        {
            using var connection = rig.Box.Database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        long BoxScalar(string sql)
        {
            using var connection = rig.Box.Database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        async Task HubSqlAsync(string sql)
        {
            using var database = rig.Hub.OpenDatabase();
            await using var connection = await database.OpenAsync();
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
