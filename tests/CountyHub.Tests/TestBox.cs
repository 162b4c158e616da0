using System.IO.Compression;
using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.CountyHub.Ingest;

namespace Hall.CountyHub.Tests;

/// <summary>A box as the hub sees it: its own key (BoxKey in a temp dir), an epoch, and signed, Brotli-compressed batches.</summary>
public sealed class TestBox : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-box-" + Guid.NewGuid().ToString("N")[..12]);
    private long _nonce = 1_000;

    public TestBox(string boxId)
    {
        BoxId = boxId;
        Key = BoxKey.LoadOrCreate(Path.Combine(_directory, BoxKey.FileName));
    }

    public string BoxId { get; }

    public BoxKey Key { get; }

    public string Epoch { get; set; } = "3f9c0a6b12d4e587";

    public DateTimeOffset Clock { get; set; } = new(2026, 12, 3, 6, 10, 0, TimeSpan.Zero);

    public static UplinkEvent Event(long seq, string type, object data, DateTimeOffset at) =>
        new(seq, type, at, HybridTime.FromWall(at) + seq, JsonSerializer.SerializeToElement(data, HallJson.Options));

    /// <summary>Events seq <paramref name="from"/>..<paramref name="to"/>, each a ticket issued one second apart.</summary>
    public IReadOnlyList<UplinkEvent> Tickets(long from, long to) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => Event(i, "TicketIssued", new { ts = Clock.AddSeconds(i), ticketNo = $"A{i:000}", category = "A", issuedAt = Clock.AddSeconds(i) }, Clock.AddSeconds(i)))];

    public UplinkBatch Batch(long epochStart, IReadOnlyList<UplinkEvent> events, string? epoch = null, long? skipTo = null, string? boxId = null) =>
        new(1, boxId ?? BoxId, "某某镇便民服务中心", "Asia/Shanghai", epoch ?? Epoch, epochStart, skipTo, epoch ?? Epoch, Clock, HybridTime.FromWall(Clock), events);

    public static byte[] Compress(UplinkBatch batch)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(HallJson.Serialize(batch));
        }

        return output.ToArray();
    }

    /// <summary>A signed request with the next nonce; <paramref name="signer"/> and <paramref name="headerBox"/> let a test lie.</summary>
    public IngestRequest Request(UplinkBatch batch, long? nonce = null, BoxKey? signer = null, string? headerBox = null, Func<byte[], byte[]>? tamper = null)
    {
        var body = Compress(batch);
        var n = nonce ?? ++_nonce;
        var box = headerBox ?? BoxId;
        var signature = (signer ?? Key).Sign(UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, box, n, body));
        return new IngestRequest(box, n.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, tamper is null ? body : tamper(body));
    }

    public void Dispose()
    {
        Key.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
