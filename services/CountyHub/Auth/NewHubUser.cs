namespace Hall.CountyHub.Auth;

/// <summary>The body of POST /api/users.</summary>
public sealed record NewHubUser(string? UserId, string? Name, string? Role, string? BoxId, string? Password);
