namespace Hall.CountyHub.Auth;

/// <summary>The body of PATCH /api/users/{id}: what is given changes, the rest stays. <c>Password</c> resets it.</summary>
public sealed record HubUserUpdate(string? Name, string? Role, string? BoxId, bool? Active, string? Password);
