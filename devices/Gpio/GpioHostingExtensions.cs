using System.Device.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Devices.Gpio;

/// <summary>Registers the one <see cref="GpioController"/> a device program's buttons and LEDs share.</summary>
public static class GpioHostingExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="GpioController"/> (the board's best driver, or a <see cref="VirtualGpioDriver"/>
    /// when <c>Gpio:Virtual</c> is true) and <see cref="TimeProvider.System"/> unless one is registered.
    /// The container owns and disposes the controller; buttons and LEDs are made with <c>shouldDispose: false</c>.
    /// </summary>
    public static IHostApplicationBuilder AddHallGpio(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GpioOptions>().Bind(builder.Configuration.GetSection(GpioOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Only made when Gpio:Virtual asks for it; the simulator and demo reach it to press buttons.
        builder.Services.TryAddSingleton(_ => new VirtualGpioDriver());
        builder.Services.TryAddSingleton(sp =>
            sp.GetRequiredService<IOptions<GpioOptions>>().Value.Virtual
                ? new GpioController(sp.GetRequiredService<VirtualGpioDriver>())
                : new GpioController());
        return builder;
    }
}
