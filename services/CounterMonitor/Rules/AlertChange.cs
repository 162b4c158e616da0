namespace Hall.CounterMonitor.Rules;

/// <summary>An alert raised (Active) or cleared by a rule, before it is stamped and published.</summary>
public sealed record AlertChange(string Type, bool Active, string Message, string? Counter = null, string? CameraId = null);
