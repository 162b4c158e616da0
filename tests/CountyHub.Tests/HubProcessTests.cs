using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Hall.Contract;
using Hall.Contract.Uplink;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tls;

namespace Hall.CountyHub.Tests;

/// <summary>The real hub executable on a free loopback port over HTTPS, its generated certificate pinned by fingerprint.</summary>
public sealed class HubProcessTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-hubproc-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }

        _process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_hub_takes_a_signed_batch_over_https_with_a_pinned_certificate()
    {
        using var box = new TestBox("xx-town");
        using (var database = HubDatabase.Sqlite(Path.Combine(_directory, "hub.db")))
        {
            await HubMigrator.ApplyAsync(database, DateTimeOffset.UtcNow);
            await new BoxDirectory(database, TimeProvider.System).EnrollAsync(box.BoxId, box.Key.PublicKey, replace: false);
        }

        // The same code as hallctl hub enroll: the certificate is made before the hub starts, its fingerprint printed.
        using var certificate = HubCertificate.LoadOrCreate(_directory, [], TimeProvider.System);
        var fingerprint = HubCertificate.Fingerprint(certificate);
        var port = FreePort();
        Start($"--Hub:DataDirectory={_directory}", $"--Hub:HttpsPort={port}", "--Hub:BindAddress=127.0.0.1");

        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && Convert.ToHexStringLower(SHA256.HashData(cert.RawData)) == fingerprint,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitHealthyAsync(http);

        box.Clock = DateTimeOffset.UtcNow;
        var request = box.Request(box.Batch(1, box.Tickets(1, 4)));
        using var content = new ByteArrayContent(request.Body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(UplinkProtocol.ContentEncoding);
        using var post = new HttpRequestMessage(HttpMethod.Post, UplinkProtocol.EventsPath) { Content = content };
        post.Headers.Add(UplinkProtocol.BoxHeader, request.BoxId);
        post.Headers.Add(UplinkProtocol.NonceHeader, request.Nonce);
        post.Headers.Add(UplinkProtocol.SignatureHeader, request.Signature);
        using var response = await http.SendAsync(post);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}\n{Log}");
        var answer = HallJson.Deserialize<UplinkAnswer>(text)!;
        Assert.Equal((4L, 4), (answer.Mark, answer.Stored));

        // The same request again is a replay: refused with the shape of docs/sync.md.
        using var again = new HttpRequestMessage(HttpMethod.Post, UplinkProtocol.EventsPath) { Content = new ByteArrayContent(request.Body.ToArray()) };
        again.Headers.Add(UplinkProtocol.BoxHeader, request.BoxId);
        again.Headers.Add(UplinkProtocol.NonceHeader, request.Nonce);
        again.Headers.Add(UplinkProtocol.SignatureHeader, request.Signature);
        using var replayed = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Contains("\"code\":\"sync-replayed\"", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains("hub_events_stored_total 4", metrics, StringComparison.Ordinal);
        Assert.Contains("hub_box_mark{box=\"xx-town\",epoch=\"3f9c0a6b12d4e587\"} 4", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_hub_with_exit_code_2_naming_the_key()
    {
        Start($"--Hub:DataDirectory={_directory}", "--Hub:HttpsPort=70000", "--Hub:Database=postgres");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process!.WaitForExitAsync(cts.Token);

        Assert.Equal(2, _process.ExitCode);
        Assert.Contains("Hub:HttpsPort", Log, StringComparison.Ordinal);
        Assert.Contains("Hub:ConnectionString", Log, StringComparison.Ordinal);
    }

    private string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hall.CountyHub.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The hub exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The hub did not become healthy within 60 s:\n{Log}");
    }
}
