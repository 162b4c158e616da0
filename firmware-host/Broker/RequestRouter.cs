using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.Box;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// Turns a device request (topic name + JSON) into a call on the service that owns it, and any
/// failure into an error reply the device can show. The broker hooks and the kiosk page both come
/// through here, so an MQTT kiosk and the touch page share one code path. Each service maps its own
/// requests (<see cref="IDeviceRequests"/>, registered by its AddXxx); the router only adds ping.
/// </summary>
public sealed class RequestRouter : IRequestMap
{
    private const int MaxPayloadBytes = 16 * 1024;
    private readonly Dictionary<string, Func<DeviceIdentity, ReadOnlyMemory<byte>, CancellationToken, Task<object>>> _routes = new(StringComparer.Ordinal);
    private readonly HallClock _clock;
    private readonly BoxMetrics _metrics;

    public RequestRouter(HallClock clock, BoxMetrics metrics, IEnumerable<IDeviceRequests> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _clock = clock;
        _metrics = metrics;
        Map<PingRequest>(Topics.Requests.Ping, (_, request, _) => Task.FromResult<object>(new PingReply(request.RequestId, _clock.Now())));
        foreach (var service in services)
        {
            service.MapTo(this);
        }
    }

    public IReadOnlyCollection<string> Names => _routes.Keys;

    /// <summary>Registers the handler of one request name; <typeparamref name="TRequest"/> is its JSON body.</summary>
    public void Map<TRequest>(string name, Func<DeviceIdentity, TRequest, CancellationToken, Task<object>> handler)
        where TRequest : class
    {
        _routes[name] = async (who, json, ct) =>
        {
            TRequest? request;
            try
            {
                request = JsonSerializer.Deserialize<TRequest>(json.Span, HallJson.Options);
            }
            catch (JsonException ex)
            {
                return Error(ExtractRequestId(json), ErrorCodes.BadJson, $"请求「{name}」不是有效的 JSON:{ex.Message}");
            }
            catch (InvalidOperationException ex)
            {
                // A value System.Text.Json cannot turn into the field's type (e.g. text that is no UTF-8).
                return Error(ExtractRequestId(json), ErrorCodes.BadJson, $"请求「{name}」的内容无法读取:{ex.Message}");
            }

            if (request is null)
            {
                return Error(null, ErrorCodes.BadJson, $"请求「{name}」的内容为空:请发送带 requestId 的 JSON 对象");
            }

            return await handler(who, request, ct);
        };
    }

    public async Task<object> RouteAsync(DeviceIdentity who, string name, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (payload.Length > MaxPayloadBytes)
        {
            _metrics.CountRequest(name, ErrorCodes.InvalidField);
            return Error(null, ErrorCodes.InvalidField, $"请求有 {payload.Length} 字节,盒子最多接受 {MaxPayloadBytes} 字节");
        }

        var json = payload.ToArray();
        if (!Utf8.IsValid(json))
        {
            // JSON is UTF-8; bytes that are not would fail deep inside a handler. Nothing is read from them, not even the requestId.
            _metrics.CountRequest(name, ErrorCodes.BadJson);
            return Error(null, ErrorCodes.BadJson, $"请求「{name}」不是有效的 UTF-8 文本:请按 UTF-8 编码发送 JSON");
        }

        object reply;

        // JSON is UTF-8: bytes that are not (a requestId with a stray 0xFF) are refused here, before anything reads them.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            _metrics.CountRequest(name, ErrorCodes.BadJson);
            return Error(null, ErrorCodes.BadJson, $"The request for '{name}' is not UTF-8 text; send UTF-8 JSON with a requestId.");
        }

        if (!AccessPolicy.RequestsOf(who.Role).Contains(name) || !_routes.TryGetValue(name, out var route))
        {
            var known = _routes.ContainsKey(name);
            reply = Error(
                ExtractRequestId(json),
                known ? ErrorCodes.NotAllowed : ErrorCodes.UnknownRequest,
                known
                    ? $"{RoleText(who.Role)}不能发送「{name}」,只能发送:{string.Join("、", AccessPolicy.RequestsOf(who.Role))}"
                    : $"协议 v{Topics.Version} 没有名为「{name}」的请求;已知的请求:{string.Join("、", _routes.Keys.Order(StringComparer.Ordinal))}");
        }
        else
        {
            try
            {
                reply = await route(who, json, cancellationToken);
            }
            catch (Hall.Store.StoreUnavailableException ex)
            {
                reply = Error(ExtractRequestId(json), ErrorCodes.StoreUnavailable, ex.Message);
            }
        }

        _metrics.CountRequest(name, reply is ErrorReply error ? error.Error.Code : "ok");
        return reply;
    }

    public ErrorReply Error(string? requestId, string code, string message) => new(requestId, _clock.Now(), new ErrorBody(code, message));

    // Device error messages are shown to hall staff: the role in Chinese, the request names as the contract spells them.
    private static string RoleText(DeviceRole role) => role switch
    {
        DeviceRole.Kiosk => "取号机",
        DeviceRole.Caller => "叫号器",
        DeviceRole.Evaluator => "评价器",
        DeviceRole.Display => "显示屏",
        _ => "该设备",
    };

    private static string? ExtractRequestId(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("requestId", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A string that cannot be read as text: no requestId to echo.
            return null;
        }
    }

    private sealed record PingRequest(string? RequestId);
}
