namespace Hall.Staff;

/// <summary>The outcome of a PIN or password check: the account, or an error code and message for the person at the keypad or page.</summary>
public sealed record SignInResult(StaffMember? Member, string? Code, string Message)
{
    public bool Succeeded => Member is not null;

    /// <summary>When the account is locked: until when.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>When refused for too many tries (sign-in-throttled, staff-locked): how long until a try may go ahead.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
