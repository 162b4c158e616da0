namespace Hall.Staff;

/// <summary>A change to an account; fields left null stay as they are.</summary>
public sealed record StaffUpdate
{
    public string? Name { get; init; }

    /// <summary>staff, duty-manager or admin.</summary>
    public string? Role { get; init; }

    public bool? Active { get; init; }
}
