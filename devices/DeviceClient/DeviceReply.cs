using System.Buffers;
using System.Text.Json;
using Hall.Contract;

namespace Hall.Devices.Client;

/// <summary>
/// The box's answer on <c>res/{name}</c> to one request: either a result body or an error
/// (<c>{"error":{"code","message"}}</c>). A request that got no answer in time is a reply with the
/// device-local code <see cref="NoReplyCode"/>, so callers handle one shape.
/// </summary>
public sealed record DeviceReply
{
    /// <summary>Never sent by the box: the request was not answered in time (box down, link lost).</summary>
    public const string NoReplyCode = "no-reply";

    public required string Name { get; init; }

    public required string RequestId { get; init; }

    /// <summary>The whole reply as sent; default for a <see cref="NoReplyCode"/> reply.</summary>
    public JsonElement Body { get; init; }

    public ErrorBody? Error { get; init; }

    public bool IsError => Error is not null;

    /// <summary>Reads the body as a contract record, e.g. <see cref="TicketReply"/>.</summary>
    public T? ReadAs<T>() => Body.ValueKind == JsonValueKind.Object ? Body.Deserialize<T>(HallJson.Options) : default;

    public static DeviceReply NoReply(string name, string requestId, string message) => new()
    {
        Name = name,
        RequestId = requestId,
        Error = new ErrorBody(NoReplyCode, message),
    };

    /// <summary>Parses a <c>res/{name}</c> payload; null when it is not JSON or carries no requestId.</summary>
    public static DeviceReply? TryParse(string name, ReadOnlySequence<byte> payload)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(payload);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("requestId", out var id)
            || id.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(id.GetString()))
        {
            return null;
        }

        ErrorBody? error = null;
        if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            var code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            error = new ErrorBody(code ?? "unknown", message ?? string.Empty);
        }

        return new DeviceReply { Name = name, RequestId = id.GetString()!, Body = root, Error = error };
    }
}
