namespace Hall.CountyHub.Web;

/// <summary>
/// One box in /healthz: the mark of the epoch it sent last, when it was last heard from, its clock's skew, and how far
/// behind it is: the events it said it still held (<c>Backlog</c>) and the age of its newest event when it arrived (<c>LagMs</c>).
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
    long? SkewMs,
    long? Backlog,
    long? LagMs);
