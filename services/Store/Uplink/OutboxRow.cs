namespace Hall.Store.Uplink;

/// <summary>An outbox row as the uplink sends it: the payload is the JSON text stored with it.</summary>
public sealed record OutboxRow(long Seq, string Type, string CreatedAt, long Hlc, string Payload);
