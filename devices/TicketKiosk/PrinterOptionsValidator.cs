using Hall.Devices.EscPos;
using Microsoft.Extensions.Options;

namespace Hall.Devices.TicketKiosk;

/// <summary>Checks the <c>Printer</c> settings at start (source-generated from their attributes).</summary>
[OptionsValidator]
public sealed partial class PrinterOptionsValidator : IValidateOptions<SerialPrinterOptions>;
