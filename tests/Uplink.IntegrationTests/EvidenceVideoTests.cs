using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Tests.Shared;

namespace Hall.Uplink.IntegrationTests;

/// <summary>调取视频: a video the county asked for reaches the hub whole through a link that keeps cutting, while the hall works.</summary>
public sealed class EvidenceVideoTests
{
    [Fact]
    public async Task A_requested_video_arrives_whole_through_cuts_of_the_link_while_the_box_keeps_sending_its_events()
    {
        await using var rig = await UplinkRig.StartHubAsync("video-town");
        var kiosk = rig.Box.Enroll("kiosk-1", DeviceRole.Kiosk);
        await rig.StartBoxAsync("--Sync:UploadChunkKiB=64", "--Sync:BandwidthKbps=40000");

        // A checked inspection whose video the box still keeps, as 云踏勘 leaves it.
        var video = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 123);
        var sha = Convert.ToHexStringLower(SHA256.HashData(video));
        var path = Path.Combine(rig.Box.DataDirectory, "inspection", "videos", "insp-1.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, video);
        BoxSql($$"""
            INSERT INTO inspection_verdicts(inspection_id, application_id, upload_id, passed, verdict_json, signed_pack_json, video_path, video_sha256, video_expires, checked_at)
            VALUES ('insp-1', 'app-1', 'up-1', 1, '{"passed":true,"results":[],"failedCheckpoints":[]}', '{}', '{{path}}', '{{sha}}', '2099-01-01T00:00:00Z', '2026-12-03T06:00:00Z')
            """);

        // The county asked for it and the box stored the request (what the video-request message leaves on each side).
        await HubSqlAsync("""
            INSERT INTO video_requests(request_id, box_id, inspection_id, requested_by, requested_at, state, received, discarded, updated_at)
            VALUES ('v-1', 'video-town', 'insp-1', 'supervisor', '2026-12-03T06:00:00.000Z', 'requested', 0, 0, '2026-12-03T06:00:00.000Z')
            """);
        rig.Proxy.RandomCuts(new Random(11), 200_000, 900_000);
        BoxSql("""
            INSERT INTO evidence_uploads(request_id, inspection_id, message_id, state, created_at, updated_at)
            VALUES ('v-1', 'insp-1', 'm-1', 'pending', '2026-12-03T06:00:00Z', '2026-12-03T06:00:00Z')
            """);

        // The hall goes on issuing tickets the whole time.
        var tickets = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (await rig.Hub.ScalarAsync("SELECT count(*) FROM video_requests WHERE request_id = 'v-1' AND state = 'received'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The video did not arrive.\nBox:\n{rig.Box.Log}\nHub:\n{rig.Hub.Log}");
            await UplinkRig.IssueTicketsAsync(rig.Box, kiosk, 5);
            tickets += 5;
        }

        rig.Proxy.Disarm();
        Assert.True(rig.Proxy.Cuts >= 2, $"{rig.Proxy.Cuts} cuts");
        var stored = Path.Combine(rig.Hub.DataDirectory, "evidence", "video-town", "v-1.video");
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(stored))));

        // Every event of the hall got there too, each once.
        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(tickets, await rig.Hub.ScalarAsync("SELECT count(*) FROM tickets WHERE box_id = 'video-town'"));
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
