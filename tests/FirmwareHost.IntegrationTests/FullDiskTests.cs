using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;
using Microsoft.Data.Sqlite;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// A real full disk: the box's data directory on a 64 MiB tmpfs mounted for the test, filled by something the budget
/// does not see (a runaway file), with real HTTP uploads from an applicant's link. Needs root for the mount.
/// </summary>
public sealed class FullDiskTests
{
    private const string AdminPassword = "Cipan-2026-hall";
    private const int MiB = 1024 * 1024;

    [RootFact]
    public async Task On_a_full_disk_the_box_stays_up_refuses_what_it_cannot_store_says_so_frees_space_on_cancel_and_starts_again()
    {
        var data = Path.Combine(Path.GetTempPath(), "hall-disk-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", data);
        try
        {
            await using var box = new BoxProcess("disk", data);
            box.ExpectErrors("The store cannot write");
            string[] settings =
            [
                $"--Staff:BootstrapAdminPassword={AdminPassword}", $"--SiteInspection:ModelDirectory={Models.Directory}",
                "--Disk:StoreFloorMiB=8", "--Disk:ReserveFileMiB=4", "--Disk:CheckInterval=00:00:00.200",
            ];
            await box.StartAsync(settings);
            using var admin = new HttpClient(box.TrustBox(new HttpClientHandler { CookieContainer = new CookieContainer() })) { BaseAddress = box.HttpsUri };
            using var phone = new HttpClient { BaseAddress = box.BaseUri };
            using (var login = await AdminAsync(admin, "/admin/api/login", new { staffId = "admin", password = AdminPassword }))
            {
                Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            }

            var api = await OpenApplicationAsync(admin);
            await WaitForAsync(phone, h => h.GetProperty("disk").GetProperty("reserveFiles").GetInt32() == 2, "both reserve files written");

            // An upload under way: 20 MiB declared, 12 MiB of it sent.
            var video = Video(20 * MiB);
            var uploadId = (await JsonAsync(await phone.PostAsJsonAsync($"{api.Path}/uploads{api.Key}", new { fileName = "VID_1.mp4", contentType = "video/mp4", size = video.Length, marks = new { } })))
                .GetProperty("uploadId").GetString()!;
            for (var offset = 0; offset < 12 * MiB; offset += MiB)
            {
                using var chunk = await ChunkAsync(phone, api, uploadId, video, offset, MiB);
                Assert.Equal(HttpStatusCode.OK, chunk.StatusCode);
            }

            // One link asking for forty 2 GiB uploads gets none: the budget counts what is reserved, not only what is written.
            for (var i = 0; i < 40; i++)
            {
                using var refused = await phone.PostAsJsonAsync($"{api.Path}/uploads{api.Key}", new { fileName = $"big{i}.mp4", contentType = "video/mp4", size = 2L << 30, marks = new { } });
                var error = (await JsonAsync(refused)).GetProperty("error");
                Assert.Equal((HttpStatusCode.InsufficientStorage, ErrorCodes.DiskBudgetExceeded), (refused.StatusCode, error.GetProperty("code").GetString()));
                Assert.Contains("存储空间不足", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            }

            using (var stillFits = await phone.PostAsJsonAsync($"{api.Path}/uploads{api.Key}", new { fileName = "big.mp4", contentType = "video/mp4", size = 30L * MiB, marks = new { } }))
            {
                Assert.Equal(HttpStatusCode.InsufficientStorage, stillFits.StatusCode);
            }

            Assert.Equal(1, (await JsonAsync(await phone.GetAsync($"{api.Path}{api.Key}"))).GetProperty("uploads").GetArrayLength());

            // Something the budget does not see fills the disk. The box gives up its running reserve and goes on; filled
            // again, its store cannot grow, and /healthz says so (503, a code for machines, Chinese for people).
            Fill(data, "runaway-1.log");
            await WaitForAsync(phone, h => h.GetProperty("disk").GetProperty("reserveFiles").GetInt32() == 1, "the running reserve given up");
            Fill(data, "runaway-2.log");
            var sick = await WaitForAsync(phone, h => !h.GetProperty("store").GetBoolean(), "the store reported unable to write");
            Assert.Equal("degraded", sick.GetProperty("status").GetString());
            Assert.Equal(ErrorCodes.StoreDiskFull, sick.GetProperty("storeError").GetProperty("code").GetString());
            Assert.Contains("磁盘已满", sick.GetProperty("storeError").GetProperty("message").GetString(), StringComparison.Ordinal);
            using (var health = await phone.GetAsync("healthz"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            }

            // The box is up and refuses what it cannot store, with a reason, and changes nothing.
            using (var refused = await phone.PostAsJsonAsync($"{api.Path}/uploads{api.Key}", new { fileName = "VID_2.mp4", contentType = "video/mp4", size = MiB, marks = new { } }))
            {
                Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
                Assert.Equal(ErrorCodes.DiskBudgetExceeded, (await JsonAsync(refused)).GetProperty("error").GetProperty("code").GetString());
            }

            Assert.Equal(1, (await JsonAsync(await phone.GetAsync($"{api.Path}{api.Key}"))).GetProperty("uploads").GetArrayLength());

            // Cancelling frees the upload's bytes first, so it works on the full disk, and the store writes again.
            var freeBefore = new DriveInfo(data).AvailableFreeSpace;
            using (var cancel = await phone.DeleteAsync($"{api.Path}/uploads/{uploadId}{api.Key}"))
            {
                var body = await JsonAsync(cancel);
                Assert.True(cancel.StatusCode == HttpStatusCode.OK, body.ToString());
                Assert.Equal("cancelled", body.GetProperty("state").GetString());
            }

            Assert.True(new DriveInfo(data).AvailableFreeSpace >= freeBefore + (11L * MiB), "cancelling did not free the upload's bytes");
            Assert.Empty(Directory.GetFiles(data, "*.part", SearchOption.AllDirectories));
            await WaitForAsync(phone, h => h.GetProperty("store").GetBoolean(), "the store writing again");

            // Stopped and filled to the last byte while it was off, the box starts again.
            await box.StopAsync();
            Fill(data, "runaway-3.log");
            await box.StartAsync(settings);
            Assert.False(File.Exists(Path.Combine(data, "disk-reserve-start.bin")));
            var view = await JsonAsync(await phone.GetAsync($"{api.Path}{api.Key}"));
            Assert.Equal("cancelled", view.GetProperty("uploads")[0].GetProperty("state").GetString());

            await box.StopAsync();
            SqliteConnection.ClearAllPools();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", data);
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Writes until the disk refuses (ENOSPC), as a runaway log would.</summary>
    private static void Fill(string directory, string name)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(Path.Combine(directory, name), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // Full: what fitted stays.
        }

        // Smaller pieces fill what a 64 KiB block could not.
        try
        {
            while (true)
            {
                file.Write(block, 0, 512);
            }
        }
        catch (IOException)
        {
        }
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonElement last = default;
        while (!limit.IsCancellationRequested)
        {
            last = await JsonAsync(await http.GetAsync("healthz", limit.Token));
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"Waited for {what}; /healthz said {last}");
    }

    private static async Task<(string Path, string Key)> OpenApplicationAsync(HttpClient admin)
    {
        using var response = await AdminAsync(admin, "/admin/api/inspections", new
        {
            itemCode = "B-SC-001",
            applicant = "王五",
            address = "广东省韶关市乐昌市坪石镇人民路18号",
            windowFrom = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8)),
            windowTo = new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(8)),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        var link = new Uri(body.GetProperty("link").GetString()!);
        return ($"/api/inspect/{body.GetProperty("application").GetProperty("id").GetString()}", link.Query);
    }

    private static Task<HttpResponseMessage> ChunkAsync(HttpClient phone, (string Path, string Key) api, string uploadId, byte[] bytes, int offset, int count)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{api.Path}/uploads/{uploadId}{api.Key}") { Content = new ByteArrayContent(bytes, offset, count) };
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
        return phone.SendAsync(request);
    }

    private static byte[] Video(int length)
    {
        var bytes = new byte[length];
        new Random(12).NextBytes(bytes);
        byte[] ftyp = [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0, .. "isommp42"u8];
        ftyp.CopyTo(bytes, 0);
        return bytes;
    }

    private static async Task<HttpResponseMessage> AdminAsync(HttpClient admin, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Hall-Admin", "1");
        return await admin.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error}");
    }
}
