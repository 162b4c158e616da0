using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hall.Contract.Uplink;

namespace Hall.CountyHub.Ingest;

/// <summary>Unpacks a signed body (Brotli, bounded) and checks the batch's shape: one epoch, consecutive sequence numbers.</summary>
public sealed partial class BatchReader
{
    private readonly int _maxDecompressedBytes;
    private readonly int _maxEvents;

    public BatchReader(int maxDecompressedBytes, int maxEvents)
    {
        _maxDecompressedBytes = maxDecompressedBytes;
        _maxEvents = maxEvents;
    }

    /// <summary>
    /// Reads the batch; its events' <c>data</c> point into <paramref name="document"/> (one parse for the whole batch, no
    /// copy per event), which the caller disposes once the batch is stored.
    /// </summary>
    public IngestOutcome? Read(ReadOnlyMemory<byte> body, out UplinkBatch? batch, out JsonDocument? document)
    {
        batch = null;
        document = null;
        byte[] json;
        try
        {
            json = Decompress(body);
        }
        catch (InvalidDataException)
        {
            return Refusals.BadBatch("不是 Brotli 压缩数据");
        }
        catch (InvalidOperationException)
        {
            return Refusals.BadBatch("不是 Brotli 压缩数据");
        }
        catch (OverflowException)
        {
            return Refusals.TooLarge();
        }

        try
        {
            document = JsonDocument.Parse(json);
            batch = Map(document.RootElement);
        }
        catch (JsonException)
        {
            return Refusals.BadBatch("不是有效的 JSON");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // A field of the wrong type ("seq": "x") or a required one missing.
            return Refusals.BadBatch("缺少字段或字段类型不对");
        }

        return Check(batch);
    }

    private static UplinkBatch Map(JsonElement root)
    {
        var events = new List<UplinkEvent>(root.GetProperty("events").GetArrayLength());
        foreach (var e in root.GetProperty("events").EnumerateArray())
        {
            events.Add(new UplinkEvent(e.GetProperty("seq").GetInt64(), e.GetProperty("type").GetString()!, e.GetProperty("at").GetDateTimeOffset(), e.GetProperty("hlc").GetInt64(), e.GetProperty("data")));
        }

        return new UplinkBatch(
            root.GetProperty("v").GetInt32(),
            root.GetProperty("boxId").GetString()!,
            Text(root, "hallName"),
            Text(root, "timeZone"),
            root.GetProperty("epoch").GetString()!,
            root.GetProperty("epochStart").GetInt64(),
            root.TryGetProperty("skipTo", out var skipTo) && skipTo.ValueKind == JsonValueKind.Number ? skipTo.GetInt64() : null,
            root.GetProperty("clockEpoch").GetString()!,
            root.GetProperty("sentAt").GetDateTimeOffset(),
            root.TryGetProperty("hlc", out var hlc) && hlc.ValueKind == JsonValueKind.Number ? hlc.GetInt64() : 0,
            events)
        {
            Backlog = root.TryGetProperty("backlog", out var backlog) && backlog.ValueKind == JsonValueKind.Number ? backlog.GetInt64() : null,
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private IngestOutcome? Check(UplinkBatch batch)
    {
        if (batch.V != UplinkProtocol.Version)
        {
            return Refusals.BadBatch("协议版本不是 1");
        }

        if (string.IsNullOrEmpty(batch.BoxId) || batch.Epoch is null || batch.ClockEpoch is null || batch.Events is null || batch.SentAt == default)
        {
            return Refusals.BadBatch("缺少字段 (boxId、epoch、clockEpoch、sentAt 或 events)");
        }

        if (!Epoch().IsMatch(batch.Epoch) || !Epoch().IsMatch(batch.ClockEpoch))
        {
            return Refusals.BadBatch("epoch 须为 16 位十六进制数");
        }

        if (batch.Events.Count == 0)
        {
            return Refusals.BadBatch("批次中没有事件");
        }

        if (batch.Events.Count > _maxEvents)
        {
            return Refusals.TooLarge();
        }

        if (batch.EpochStart < 1 || batch.Events[0] is null || batch.Events[0].Seq < batch.EpochStart || batch.SkipTo < batch.EpochStart)
        {
            return Refusals.BadBatch("序号早于本 epoch 的起始序号");
        }

        for (var i = 0; i < batch.Events.Count; i++)
        {
            var e = batch.Events[i];
            if (e is null || string.IsNullOrEmpty(e.Type) || e.At == default || e.Data.ValueKind == JsonValueKind.Undefined)
            {
                return Refusals.BadBatch("事件缺少字段 (seq、type、at 或 data)");
            }

            if (i > 0 && e.Seq != batch.Events[i - 1].Seq + 1)
            {
                return Refusals.BadBatch("事件序号不连续");
            }
        }

        return null;
    }

    private byte[] Decompress(ReadOnlyMemory<byte> body)
    {
        using var input = new MemoryStream(body.ToArray(), writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = brotli.Read(buffer)) > 0)
        {
            if (output.Length + read > _maxDecompressedBytes)
            {
                // A small body that unpacks into more than the bound: stop here, never hold it all.
                throw new OverflowException();
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [GeneratedRegex("^[0-9a-fA-F]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Epoch();
}
