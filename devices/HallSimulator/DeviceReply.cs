using System.Text.Json;

namespace Hall.Devices.HallSimulator;

/// <summary>The box's answer to one request.</summary>
/// <param name="Name">The request name (ticket, counter, ping…).</param>
/// <param name="Payload">The JSON body as received.</param>
/// <param name="ErrorCode">The error code when the box refused the request; null for a result.</param>
/// <param name="ReceivedTimestamp">Stopwatch timestamp taken as the reply arrived, before any continuation ran.</param>
public sealed record DeviceReply(string Name, byte[] Payload, string? ErrorCode, long ReceivedTimestamp)
{
    public bool IsError => ErrorCode is not null;

    public T? Read<T>() => Contract.HallJson.Deserialize<T>(Payload);

    internal static (string? RequestId, string? ErrorCode) Peek(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            string? requestId = null;
            string? errorCode = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("requestId"u8))
                {
                    reader.Read();
                    requestId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    errorCode = ReadErrorCode(ref reader) ?? "unknown-error";
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return (requestId, errorCode);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? ReadErrorCode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? code = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCode = reader.ValueTextEquals("code"u8);
            reader.Read();
            if (isCode && reader.TokenType == JsonTokenType.String)
            {
                code = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return code;
    }
}
