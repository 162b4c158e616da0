namespace Hall.Contract.Identity;

/// <summary>The outcome of checking an enrollment ticket: the ticket, or why it is refused (a code of <see cref="ErrorCodes"/> and a message for the technician).</summary>
public sealed record TicketCheck(EnrollmentTicket? Ticket, string? Code, string? Message)
{
    public bool Ok => Ticket is not null;

    public static TicketCheck Refused(string code, string message) => new(null, code, message);
}
