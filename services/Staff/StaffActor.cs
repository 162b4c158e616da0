namespace Hall.Staff;

/// <summary>Who makes a change: recorded in the outbox and checked against <see cref="StaffRoles.MayManage"/>.</summary>
public sealed record StaffActor(string Id, StaffRole Role)
{
    /// <summary>The technician at the box's console (hallctl): may do everything.</summary>
    public static StaffActor Technician { get; } = new("hallctl", StaffRole.Admin);

    /// <summary>The box itself, at start (the bootstrap admin).</summary>
    public static StaffActor Box { get; } = new("box", StaffRole.Admin);
}
