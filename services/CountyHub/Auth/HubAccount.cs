namespace Hall.CountyHub.Auth;

/// <summary>A county staff account as the /users page shows it (never its password).</summary>
public sealed record HubAccount(string UserId, string Name, string Role, string? BoxId, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
