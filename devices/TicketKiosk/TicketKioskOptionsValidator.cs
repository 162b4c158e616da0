using Microsoft.Extensions.Options;

namespace Hall.Devices.TicketKiosk;

/// <summary>Checks <see cref="TicketKioskOptions"/> at start (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class TicketKioskOptionsValidator : IValidateOptions<TicketKioskOptions>;
