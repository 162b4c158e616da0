using System.Net;
using System.Net.Http.Headers;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.Sync.Link;

namespace Hall.Sync.Wire;

/// <summary>
/// Sends one signed batch to the hub over HTTPS and reads what came back. The hub's certificate is pinned when
/// Sync:HubCertificateSha256 is set; the body goes out under the bandwidth cap.
/// </summary>
public sealed class UplinkClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _events;
    private readonly string _boxId;
    private readonly BoxKey _key;
    private readonly LinkShare _link;
    private readonly TimeProvider _time;

    public UplinkClient(SyncOptions options, string boxId, BoxKey key, TimeProvider time, LinkShare? link = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        _boxId = boxId;
        _key = key;
        _time = time;
        _events = new Uri(new Uri(options.HubUrl!), UplinkProtocol.EventsPath);
        _link = link ?? new LinkShare(options, time);
        _http = HubHttp.Create(options);
    }

    /// <summary>Bytes put on the wire (request bodies).</summary>
    public long BytesSent { get; private set; }

    public async Task<UplinkResult> SendAsync(byte[] body, long nonce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, _events);
        request.Content = _link.Capped ? new ThrottledContent(body, _link, video: false, _time) : new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add(UplinkProtocol.ContentEncoding);
        request.Headers.Add(UplinkProtocol.BoxHeader, _boxId);
        request.Headers.Add(UplinkProtocol.NonceHeader, nonce.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(UplinkProtocol.SignatureHeader, _key.Sign(UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, _boxId, nonce, body)));
        try
        {
            using var sending = _link.SendingEvents();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            BytesSent += body.Length;
            var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var answer = HallJson.Deserialize<UplinkAnswer>(json);
                return answer is null ? UplinkResult.Failed("空的应答") : UplinkResult.Accepted(answer);
            }

            UplinkRefusal? refusal = null;
            try
            {
                refusal = HallJson.Deserialize<UplinkRefusal>(json);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the hub's refusal (a proxy's error page): reported by its status alone.
            }

            return UplinkResult.Refused(response.StatusCode, refusal?.Error is null
                ? new UplinkRefusal(new ErrorBody("http-" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), $"县级中心返回 HTTP {(int)response.StatusCode}"))
                : refusal);
        }
        catch (HttpRequestException ex)
        {
            return UplinkResult.Failed(Describe(ex));
        }
        catch (System.Text.Json.JsonException)
        {
            return UplinkResult.Failed("县级中心的应答无法读取");
        }
        catch (IOException)
        {
            return UplinkResult.Failed("连接中断");
        }
        catch (System.Net.Sockets.SocketException)
        {
            // A connection reset between connect and the first byte escapes HttpClient unwrapped.
            return UplinkResult.Failed("连接中断");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return UplinkResult.Failed("县级中心在限定时间内未应答");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Whatever else the network throws is the link's failure, not the hall's: the uplink backs off and tries
            // again; it never takes the box down with it.
            return UplinkResult.Failed("连接失败");
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Describe(HttpRequestException ex) => HubHttp.Describe(ex);
}
