namespace Hall.Staff;

/// <summary>What the admin page or the CLI sends to create a staff account.</summary>
public sealed record NewStaff
{
    public string? StaffId { get; init; }

    public string? Name { get; init; }

    /// <summary>staff, duty-manager or admin.</summary>
    public string? Role { get; init; }

    /// <summary>4–8 digits; required for counter staff.</summary>
    public string? Pin { get; init; }

    /// <summary>At least 8 characters; lets a duty manager or admin sign in to the admin page.</summary>
    public string? Password { get; init; }
}
