namespace Hall.Staff;

/// <summary>A staff account as lists show it: never with PIN or password material.</summary>
public sealed record StaffMember(
    string StaffId,
    string Name,
    StaffRole Role,
    bool Active,
    bool HasPin,
    bool HasPassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Until when PIN sign-in is refused after too many wrong PINs; null when not locked.</summary>
    public DateTimeOffset? PinLockedUntil { get; init; }

    /// <summary>Until when admin sign-in is refused after too many wrong passwords; null when not locked.</summary>
    public DateTimeOffset? PasswordLockedUntil { get; init; }

    /// <summary>Changes whenever the password is set: sessions signed in with an older one end.</summary>
    public long PasswordStamp { get; init; }
}
