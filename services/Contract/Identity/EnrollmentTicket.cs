namespace Hall.Contract.Identity;

/// <summary>
/// What a county's enrollment ticket allows: one device, of one role (and counter, village), on one box, until it
/// expires, once. It carries no secret: the box makes the device's secret when the ticket is redeemed, so a ticket on
/// paper or a USB stick gives away no credential that already works. <see cref="EnrollmentTickets"/> signs and checks it.
/// </summary>
public sealed record EnrollmentTicket
{
    /// <summary>Random, unique: the box keeps the ids it has redeemed, so each ticket enrolls once.</summary>
    public required string TicketId { get; init; }

    /// <summary>The box (its hall id, <c>Box:HallId</c>) that may redeem the ticket; any other box refuses it.</summary>
    public required string BoxId { get; init; }

    /// <summary>The device's role name: kiosk, caller, display or evaluator.</summary>
    public required string Role { get; init; }

    public required string DeviceId { get; init; }

    public string? Counter { get; init; }

    public string? Village { get; init; }

    /// <summary>True: the ticket may give an id that is already enrolled new credentials (a unit swapped in the field).</summary>
    public bool Replace { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
