namespace Hall.CountyHub.Ingest;

/// <summary>One uplink request as it came in: the three headers (unchecked) and the body exactly as sent.</summary>
public sealed record IngestRequest(string? BoxId, string? Nonce, string? Signature, ReadOnlyMemory<byte> Body);
