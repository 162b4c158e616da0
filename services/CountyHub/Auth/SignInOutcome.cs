namespace Hall.CountyHub.Auth;

/// <summary>A sign-in: the session's token (for the cookie) and its user, or why not.</summary>
public sealed record SignInOutcome(HubUser? User, string? Token, HubException? Refusal);
