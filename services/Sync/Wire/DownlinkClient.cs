using System.Globalization;
using System.Net;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;

namespace Hall.Sync.Wire;

/// <summary>Polls the hub once (<c>GET /sync/v1/downlink</c>), signed with the box's key as the uplink's batches are.</summary>
public sealed class DownlinkClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _hub;
    private readonly string _boxId;
    private readonly BoxKey _key;

    public DownlinkClient(SyncOptions options, string boxId, BoxKey key)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hub = new Uri(options.HubUrl!);
        _boxId = boxId;
        _key = key;
        _http = HubHttp.Create(options);
    }

    public async Task<DownlinkResult> PollAsync(long configVersion, long after, long nonce, CancellationToken cancellationToken)
    {
        var pathAndQuery = DownlinkProtocol.PathAndQuery(configVersion, after);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_hub, pathAndQuery));
        request.Headers.Add(UplinkProtocol.BoxHeader, _boxId);
        request.Headers.Add(UplinkProtocol.NonceHeader, nonce.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(UplinkProtocol.SignatureHeader, _key.Sign(DownlinkProtocol.SigningBytes(pathAndQuery, _boxId, nonce)));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var answer = HallJson.Deserialize<DownlinkAnswer>(json);
                return answer is null ? DownlinkResult.Failed("空的应答") : DownlinkResult.Accepted(answer);
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

            return DownlinkResult.Refused(response.StatusCode, refusal?.Error is null
                ? new UplinkRefusal(new ErrorBody("http-" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), $"县级中心返回 HTTP {(int)response.StatusCode}"))
                : refusal);
        }
        catch (HttpRequestException ex)
        {
            return DownlinkResult.Failed(HubHttp.Describe(ex));
        }
        catch (System.Text.Json.JsonException)
        {
            return DownlinkResult.Failed("县级中心的应答无法读取");
        }
        catch (IOException)
        {
            return DownlinkResult.Failed("连接中断");
        }
        catch (System.Net.Sockets.SocketException)
        {
            return DownlinkResult.Failed("连接中断");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DownlinkResult.Failed("县级中心在限定时间内未应答");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The link's failure, not the hall's: the downlink backs off and tries again.
            return DownlinkResult.Failed("连接失败");
        }
    }

    public void Dispose() => _http.Dispose();
}
