using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// Counter monitoring in a running box: a camera (a real ffmpeg serving a live H.264 stream of a face over TCP) read
/// by the box's own ffmpeg, faces found by BlazeFace, presence retained on MQTT, the stream lost and back; and a box
/// whose model file is damaged, which must still serve the hall.
/// </summary>
public sealed class CounterMonitorBoxTests : IAsyncLifetime
{
    private const string AdminPassword = "Jiankong-2026-hall";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);
    private readonly BoxProcess _box = new("cams");
    private readonly List<TestCamera> _cameras = [];
    private HttpClient _admin = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        foreach (var camera in _cameras)
        {
            await camera.DisposeAsync();
        }

        await _box.DisposeAsync();
    }

    [Fact]
    public async Task A_counter_camera_shows_presence_and_a_lost_stream_is_reported_then_recovers()
    {
        var caller = _box.Enroll("caller-1", DeviceRole.Caller, "1");
        var kiosk = _box.Enroll("kiosk-1", DeviceRole.Kiosk);
        var port = BoxProcess.FreePortPair().First;
        _cameras.Add(new TestCamera(port));
        await StartBoxAsync(
            $"--CounterMonitor:ModelDirectory={Models.Directory}",
            "--CounterMonitor:Cameras:0:Id=cam-1",
            $"--CounterMonitor:Cameras:0:Source=tcp://127.0.0.1:{port}",
            "--CounterMonitor:Cameras:0:Counter=1",
            "--CounterMonitor:NoFrameTimeout=00:00:10",
            "--CounterMonitor:RestartBackoffMin=00:00:00.2",
            "--CounterMonitor:RestartBackoffMax=00:00:01");

        // The counter's own caller may watch its presence (retained, so a late subscriber gets it too).
        await using (var presence = await MosquittoClient.SubscribeAsync(_box, caller, $"hall/{_box.HallId}/counter/1/presence"))
        {
            await NextPresenceAsync(presence, present: true);
        }

        // The cable is pulled: the camera goes offline with a reason, presence becomes unknown, the hall runs on.
        await _cameras[0].DisposeAsync();
        _cameras.Clear();
        var offline = await UntilAsync(() => AlertAsync("camera-offline"));
        Assert.Equal("cam-1", offline.GetProperty("cameraId").GetString());
        Assert.Equal("1", offline.GetProperty("counter").GetString());
        Assert.Contains("cam-1", offline.GetProperty("message").GetString(), StringComparison.Ordinal);
        var ticket = await MosquittoClient.RequestAsync(_box, kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        Assert.False(ticket.TryGetProperty("error", out var error), error.ToString());
        await using (var unknown = await MosquittoClient.SubscribeAsync(_box, caller, $"hall/{_box.HallId}/counter/1/presence"))
        {
            var retained = (await unknown.NextAsync(Wait)).Payload;
            Assert.Equal(JsonValueKind.Null, retained.GetProperty("present").ValueKind);
        }

        // Plugged back in: the alert clears and presence comes back.
        _cameras.Add(new TestCamera(port));
        await UntilAsync(async () => await AlertAsync("camera-offline") is null ? true : (bool?)null);
        await using (var back = await MosquittoClient.SubscribeAsync(_box, caller, $"hall/{_box.HallId}/counter/1/presence"))
        {
            await NextPresenceAsync(back, present: true);
        }

        Assert.False(_box.HasExited);
        var metrics = await _admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("hall_camera_fps{camera=\"cam-1\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("hall_camera_restarts_total{camera=\"cam-1\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("hall_counter_monitor_models_ready 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_camera_added_on_the_admin_page_starts_at_once_and_stops_when_removed()
    {
        var caller = _box.Enroll("caller-2", DeviceRole.Caller, "2");
        var port = BoxProcess.FreePortPair().First;
        _cameras.Add(new TestCamera(port));
        await StartBoxAsync($"--CounterMonitor:ModelDirectory={Models.Directory}");

        using (var added = await SendAsync(HttpMethod.Post, "/admin/api/cameras", new { id = "cam-2", source = $"tcp://127.0.0.1:{port}", role = "counter", counter = "2" }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        await using (var presence = await MosquittoClient.SubscribeAsync(_box, caller, $"hall/{_box.HallId}/counter/2/presence"))
        {
            await NextPresenceAsync(presence, present: true, camera: "cam-2");
        }

        // A second camera on the same counter is refused with a reason, and changes nothing.
        using (var twice = await SendAsync(HttpMethod.Post, "/admin/api/cameras", new { id = "cam-2b", source = "rtsp://192.0.2.7/live", role = "counter", counter = "2" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
            var body = await twice.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(ErrorCodes.InvalidField, body.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("cam-2", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var removed = await SendAsync(HttpMethod.Delete, "/admin/api/cameras/cam-2", null))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        // The removal applies at once, without a restart: the counter's presence turns unknown.
        await using (var gone = await MosquittoClient.SubscribeAsync(_box, caller, $"hall/{_box.HallId}/counter/2/presence"))
        {
            await UntilAsync(async () => (await gone.NextAsync(Wait)).Payload.GetProperty("present").ValueKind == JsonValueKind.Null ? true : (bool?)null);
        }

        var cameras = await _admin.GetFromJsonAsync<JsonElement>(new Uri("/admin/api/cameras", UriKind.Relative));
        Assert.Empty(cameras.GetProperty("cameras").EnumerateArray());
        await UntilAsync(async () => (await _admin.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Contains("camera=\"cam-2\"", StringComparison.Ordinal) ? null : (bool?)true);
    }

    [Fact]
    public async Task A_damaged_model_leaves_the_box_serving_and_says_what_to_do()
    {
        // The missing or damaged model is this test's point: the box says so at error level.
        _box.ExpectErrors("Counter monitoring cannot run");
        var kiosk = _box.Enroll("kiosk-1", DeviceRole.Kiosk);
        var models = Path.Combine(_box.DataDirectory, "broken-models");
        Directory.CreateDirectory(models);
        foreach (var name in new[] { "face_detection_front_128x128_barracuda.onnx", "face_detection_back_256x256_barracuda.onnx" })
        {
            await File.WriteAllBytesAsync(Path.Combine(models, name), [0x08, 0x07, 0x12, 0x00, 0xff, 0x13]);
        }

        await StartBoxAsync(
            $"--CounterMonitor:ModelDirectory={models}",
            "--CounterMonitor:Cameras:0:Id=cam-1",
            "--CounterMonitor:Cameras:0:Source=rtsp://192.0.2.10/Streaming/Channels/102",
            "--CounterMonitor:Cameras:0:Counter=1");

        var fault = await UntilAsync(() => AlertAsync("monitor-fault"));
        Assert.Contains("fetch-models.sh", fault.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var health = await _admin.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("fetch-models.sh", body.GetProperty("counterMonitor").GetString(), StringComparison.Ordinal);

        var ticket = await MosquittoClient.RequestAsync(_box, kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        Assert.Matches("^A[0-9]{3}$", ticket.GetProperty("ticketNo").GetString());
        var metrics = await _admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("hall_counter_monitor_models_ready 0", metrics, StringComparison.Ordinal);
    }

    private async Task StartBoxAsync(params string[] args)
    {
        await _box.StartAsync([$"--Staff:BootstrapAdminPassword={AdminPassword}", "--CounterMonitor:OpeningHours=", .. args]);
        _admin = new HttpClient(_box.TrustBox(new HttpClientHandler { CookieContainer = new CookieContainer() })) { BaseAddress = _box.HttpsUri };
        using var login = await SendAsync(HttpMethod.Post, "/admin/api/login", new { staffId = "admin", password = AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    /// <summary>The active alert of that type, as the console's alert list gets it, or null.</summary>
    private async Task<JsonElement?> AlertAsync(string type) =>
        (await _admin.GetFromJsonAsync<JsonElement>(new Uri("/admin/api/alerts", UriKind.Relative)))
            .EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == type)
            .Select(a => (JsonElement?)a)
            .FirstOrDefault();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Hall-Admin", "1");
        return await _admin.SendAsync(request);
    }

    private async Task NextPresenceAsync(MosquittoClient.Subscription subscription, bool present, string camera = "cam-1")
    {
        using var limit = new CancellationTokenSource(Wait);
        while (true)
        {
            var message = await subscription.NextAsync(Wait);
            var value = message.Payload.GetProperty("present");
            if (value.ValueKind != JsonValueKind.Null && value.GetBoolean() == present)
            {
                Assert.Equal(camera, message.Payload.GetProperty("cameraId").GetString());
                Assert.True(message.Payload.GetProperty("confidence").GetDouble() > 0);
                return;
            }

            Assert.False(limit.IsCancellationRequested, $"presence never became {present}:\n{_box.Log}");
        }
    }

    private async Task<T> UntilAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        using var limit = new CancellationTokenSource(Wait);
        while (!limit.IsCancellationRequested)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Not seen within {Wait}:\n{_box.Log}");
    }

    /// <summary>
    /// A camera: ffmpeg serving a live H.264 MPEG-TS stream of the photo's face over TCP. ffmpeg serves one client and
    /// exits when it leaves (the box restarts its reader after a timeout), so, like a real camera, it is started again
    /// until the test pulls its cable (dispose).
    /// </summary>
    private sealed class TestCamera : IAsyncDisposable
    {
        private readonly CancellationTokenSource _unplugged = new();
        private readonly Task _running;
        private Process? _process;

        public TestCamera(int port) => _running = Task.Run(() => ServeAsync(port));

        public async ValueTask DisposeAsync()
        {
            await _unplugged.CancelAsync();
            Kill();
            await _running;
            _unplugged.Dispose();
        }

        private async Task ServeAsync(int port)
        {
            while (!_unplugged.IsCancellationRequested)
            {
                var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
                foreach (var arg in new[]
                         {
                             "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-loop", "1", "-framerate", "10", "-i", Models.AstronautPhoto,
                             "-vf", "crop=300:300:110:0,scale=288:288,pad=352:288:32:0,format=yuv420p",
                             "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "10",
                             "-f", "mpegts", $"tcp://127.0.0.1:{port}?listen=1",
                         })
                {
                    info.ArgumentList.Add(arg);
                }

                using var process = Process.Start(info)!;
                _process = process;
                process.BeginErrorReadLine();
                try
                {
                    await process.WaitForExitAsync(_unplugged.Token);
                    await Task.Delay(100, _unplugged.Token);
                }
                catch (OperationCanceledException)
                {
                    Kill();
                }
            }
        }

        private void Kill()
        {
            try
            {
                if (_process is { HasExited: false } process)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
