namespace Hall.Staff;

/// <summary>A live sign-in session as an admin sees it: never its token.</summary>
public sealed record StaffSession(
    long Id,
    string StaffId,
    StaffSessionKind Kind,
    string? Counter,
    string? Address,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt);
