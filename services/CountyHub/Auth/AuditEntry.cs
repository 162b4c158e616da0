namespace Hall.CountyHub.Auth;

/// <summary>One line of the audit log.</summary>
public sealed record AuditEntry(string Id, DateTimeOffset At, string UserId, string UserName, string Role, string Action, string? BoxId, string Detail);
