namespace Hall.CounterMonitor.Pipeline;

/// <summary>A running camera as the admin page and /metrics see it.</summary>
public sealed record CameraStatus(string Id, string Role, string? Counter, string Source, bool Online, string? Reason, long Frames, long Dropped, int Restarts);
