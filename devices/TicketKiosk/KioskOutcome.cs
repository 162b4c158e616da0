using Hall.Contract;

namespace Hall.Devices.TicketKiosk;

/// <summary>What the kiosk does with a reply: print <see cref="Ticket"/>, or print nothing and flash <see cref="Error"/>.</summary>
public sealed record KioskOutcome
{
    public TicketReply? Ticket { get; init; }

    public ErrorBody? Error { get; init; }

    public bool ShouldPrint => Ticket is not null;

    /// <summary>A reply to some other request (late, repeated): nothing to do.</summary>
    public static KioskOutcome None { get; } = new();
}
