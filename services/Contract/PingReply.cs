namespace Hall.Contract;

/// <summary><c>req/ping</c> → <c>res/ping</c>: echoes the requestId with the box's time.</summary>
public sealed record PingReply(string? RequestId, DateTimeOffset Ts);
