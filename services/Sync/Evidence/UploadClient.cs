using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Hall.Contract;
using Hall.Contract.Evidence;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.Sync.Link;
using Hall.Sync.Wire;

namespace Hall.Sync.Evidence;

/// <summary>
/// The box's side of the upload routes (docs/sync.md#uploads): each request signed as the uplink's, on its own nonce
/// channel; chunk bodies go out under the shared bandwidth cap, after the hall's events (<see cref="LinkShare"/>).
/// </summary>
public sealed class UploadClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _hub;
    private readonly string _boxId;
    private readonly BoxKey _key;
    private readonly LinkShare _link;
    private readonly TimeProvider _time;
    private long _nonce;

    public UploadClient(SyncOptions options, string boxId, BoxKey key, LinkShare link, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hub = new Uri(options.HubUrl!);
        _boxId = boxId;
        _key = key;
        _link = link;
        _time = time;
        _http = HubHttp.Create(options);
    }

    public Task<UploadResult> CreateAsync(UploadCreate create, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, UploadProtocol.Path, HallJson.Serialize(create), false, ct);

    public Task<UploadResult> AppendAsync(string requestId, long offset, ReadOnlyMemory<byte> chunk, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, UploadProtocol.ChunkPath(requestId, offset), chunk, true, ct);

    public Task<UploadResult> FinishAsync(string requestId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, UploadProtocol.FinishPath(requestId), ReadOnlyMemory<byte>.Empty, false, ct);

    public void Dispose() => _http.Dispose();

    private async Task<UploadResult> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte> body, bool video, CancellationToken ct)
    {
        for (var replays = 0; ; replays++)
        {
            var result = await SendOnceAsync(method, path, body, video, ct).ConfigureAwait(false);
            if (result.Code != UplinkErrorCodes.Replayed || replays >= 3)
            {
                return result;
            }

            // The hub took a higher nonce on this channel (a box restored, a clock set back): go past it.
            _nonce = Math.Max(_nonce, result.Refusal!.LastNonce ?? _nonce);
        }
    }

    private async Task<UploadResult> SendOnceAsync(HttpMethod method, string path, ReadOnlyMemory<byte> body, bool video, CancellationToken ct)
    {
        _nonce = HybridTime.Next(_nonce, _time.GetUtcNow());
        using var request = new HttpRequestMessage(method, new Uri(_hub, path));
        request.Content = video || _link.Capped ? new ThrottledContent(body, _link, video, _time) : new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(video ? "application/octet-stream" : "application/json");
        request.Headers.Add(UplinkProtocol.BoxHeader, _boxId);
        request.Headers.Add(UplinkProtocol.NonceHeader, _nonce.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(UplinkProtocol.SignatureHeader, _key.Sign(UplinkProtocol.SigningBytes(method.Method, path, _boxId, _nonce, body.Span)));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var json = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var state = HallJson.Deserialize<UploadState>(json);
                return state is null ? Failed("空的应答") : new UploadResult(state, response.StatusCode, null, null);
            }

            UploadRefusal? refusal = null;
            try
            {
                refusal = HallJson.Deserialize<UploadRefusal>(json);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the hub's refusal (a proxy's error page): its status alone.
            }

            return new UploadResult(null, response.StatusCode, refusal?.Error is null
                ? new UploadRefusal(new ErrorBody("http-" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), $"县级中心返回 HTTP {(int)response.StatusCode}"))
                : refusal, null);
        }
        catch (HttpRequestException ex)
        {
            return Failed(HubHttp.Describe(ex));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed("县级中心在限定时间内未应答");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The link's failure, never the hall's: the uploader backs off and asks the offset again.
            return Failed("连接中断");
        }
    }

    private static UploadResult Failed(string why) => new(null, null, null, why);
}
