using Hall.Contract;
using Hall.Devices.EscPos;
using Microsoft.Extensions.Options;

namespace Hall.Devices.TicketKiosk;

/// <summary>
/// Prints tickets on the ESC/POS printer named in <c>Printer</c>. The port is opened per ticket, so an
/// unplugged and replugged USB-serial cable works again on the next ticket without a restart.
/// </summary>
public sealed class SerialTicketPrinter(IOptions<SerialPrinterOptions> printerOptions, IOptions<TicketLayoutOptions> layoutOptions) : ITicketPrinter
{
    private readonly TicketLayout _layout = new(layoutOptions.Value);

    public async Task PrintAsync(TicketReply ticket, CancellationToken cancellationToken)
    {
        var bytes = _layout.Render(ticket);
        using var port = SerialPrinterPort.Open(printerOptions.Value);
        await port.Stream.WriteAsync(bytes, cancellationToken);
        await port.Stream.FlushAsync(cancellationToken);
    }
}
