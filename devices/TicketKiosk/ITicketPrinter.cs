using Hall.Contract;

namespace Hall.Devices.TicketKiosk;

/// <summary>Prints one hall ticket; throws when the printer cannot be reached.</summary>
public interface ITicketPrinter
{
    Task PrintAsync(TicketReply ticket, CancellationToken cancellationToken);
}
