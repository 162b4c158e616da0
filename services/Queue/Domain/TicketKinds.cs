namespace Hall.Queue.Domain;

/// <summary>The contract's words for ticket kinds (<c>priority</c> in req/ticket and in replies).</summary>
public static class TicketKinds
{
    public static string? ToContract(TicketKind kind) => kind switch
    {
        TicketKind.Appointment => "appointment",
        TicketKind.Green => "green",
        TicketKind.Assisted => "assisted",
        TicketKind.Elderly => "elderly",
        _ => null,
    };

    /// <summary>Absent or empty priority is an ordinary ticket, unless an appointment code came with it.</summary>
    public static bool TryParse(string? priority, string? appointmentCode, out TicketKind kind)
    {
        kind = TicketKind.Ordinary;
        switch (priority?.Trim().ToLowerInvariant())
        {
            case null or "" or "ordinary":
                kind = string.IsNullOrWhiteSpace(appointmentCode) ? TicketKind.Ordinary : TicketKind.Appointment;
                return true;
            case "appointment":
                kind = TicketKind.Appointment;
                return true;
            case "green":
                kind = TicketKind.Green;
                return true;
            case "assisted":
                kind = TicketKind.Assisted;
                return true;
            case "elderly":
                kind = TicketKind.Elderly;
                return true;
            default:
                return false;
        }
    }
}
