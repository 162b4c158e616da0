namespace Hall.Sync.Downlink;

/// <summary>The downlink as the console shows it: the configuration version the box runs, its last refusal, the last poll.</summary>
/// <param name="RunningVersion">0 while the box runs no county version (its own start-up catalogue).</param>
public sealed record DownlinkSnapshot(
    LinkState State,
    long RunningVersion,
    DateTimeOffset? AppliedAt,
    string? Note,
    DateTimeOffset? IssuedAt,
    long? RefusedVersion,
    string? RefusedCode,
    string? RefusedMessage,
    DateTimeOffset? RefusedAt,
    DateTimeOffset? LastPollAt,
    string? LastErrorMessage,
    long Cursor,
    int PendingMessages);
