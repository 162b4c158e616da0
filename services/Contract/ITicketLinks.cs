namespace Hall.Contract;

/// <summary>The link a ticket's QR code carries (the ticket's own page on the box, with its key).</summary>
public interface ITicketLinks
{
    string For(TicketReply ticket);
}
