namespace Hall.CountyHub.Web;

/// <summary>
/// One box in /healthz: the mark of the epoch it sent last, when it was last heard from, its clock's skew. How far it is
/// behind is known only to the box; the age of its last contact is the hub's view of it.
/// </summary>
public sealed record BoxHealth(
    string BoxId,
    string? HallName,
    bool Revoked,
    string? Epoch,
    long? Mark,
    DateTimeOffset? LastContactAt,
    double? LastContactAgeSeconds,
    DateTimeOffset? LastBatchAt,
    long? SkewMs);
