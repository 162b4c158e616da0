using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Hall.Contract.Uplink;
using Hall.Store.Uplink;

namespace Hall.Sync.Wire;

/// <summary>
/// Writes a batch as the JSON of docs/sync.md and compresses it with Brotli. The rows' payloads are already the
/// contract's JSON: they are copied in as they are, not parsed again.
/// </summary>
public static class BatchEncoder
{
    // Quality 5 of 11: most of Brotli's gain on repetitive JSON at a small share of the box's CPU.
    private const int Quality = 5;
    private const int Window = 22;

    public static byte[] Encode(BatchHeader header, PendingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(batch);
        var json = new ArrayBufferWriter<byte>(4096 + (batch.Rows.Count * 256));
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", UplinkProtocol.Version);
            writer.WriteString("boxId", header.BoxId);
            writer.WriteString("hallName", header.HallName);
            writer.WriteString("timeZone", header.TimeZone);
            writer.WriteString("epoch", batch.Epoch);
            writer.WriteNumber("epochStart", batch.EpochStart);
            if (batch.SkipTo is { } skipTo)
            {
                writer.WriteNumber("skipTo", skipTo);
            }

            writer.WriteString("clockEpoch", header.ClockEpoch);
            writer.WriteString("sentAt", header.SentAt);
            writer.WriteNumber("hlc", header.Hlc);
            if (header.Backlog is { } backlog)
            {
                writer.WriteNumber("backlog", backlog);
            }

            writer.WriteStartArray("events");
            foreach (var row in batch.Rows)
            {
                writer.WriteStartObject();
                writer.WriteNumber("seq", row.Seq);
                writer.WriteString("type", row.Type);
                writer.WriteString("at", row.CreatedAt);
                writer.WriteNumber("hlc", row.Hlc);
                writer.WritePropertyName("data");
                writer.WriteRawValue(row.Payload, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Compress(json.WrittenSpan);
    }

    public static byte[] Compress(ReadOnlySpan<byte> json)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress the batch.");
        }

        return buffer.AsSpan(0, written).ToArray();
    }
}
