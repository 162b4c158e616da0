using Hall.Devices.Client;
using Hall.Devices.EscPos;
using Hall.Devices.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Devices.TicketKiosk;

public static class TicketKioskHostingExtensions
{
    /// <summary>
    /// The ticket kiosk program: GPIO, the link to the box, the <c>Kiosk</c>, <c>Printer</c> and <c>Ticket</c>
    /// settings (validated at start), the serial ticket printer and the kiosk worker.
    /// </summary>
    public static IHostApplicationBuilder AddTicketKiosk(this IHostApplicationBuilder builder)
    {
        builder.AddHallGpio();
        builder.AddHallDeviceClient();
        builder.Services.AddOptions<TicketKioskOptions>()
            .Bind(builder.Configuration.GetSection(TicketKioskOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddOptions<SerialPrinterOptions>()
            .Bind(builder.Configuration.GetSection(SerialPrinterOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddOptions<TicketLayoutOptions>()
            .Bind(builder.Configuration.GetSection(TicketLayoutOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketKioskOptions>, TicketKioskOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SerialPrinterOptions>, PrinterOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketLayoutOptions>, TicketLayoutOptionsValidator>());
        builder.Services.TryAddSingleton<ITicketPrinter, SerialTicketPrinter>();
        builder.Services.AddHostedService<KioskWorker>();
        return builder;
    }
}
