using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Devices.CallerKeypad;

public static class CallerKeypadHostingExtensions
{
    /// <summary>The caller keypad program: GPIO, the link to the box, the <c>Keypad</c> settings and the keypad worker.</summary>
    public static IHostApplicationBuilder AddCallerKeypad(this IHostApplicationBuilder builder)
    {
        builder.AddHallGpio();
        builder.AddHallDeviceClient();
        builder.Services.AddOptions<CallerKeypadOptions>()
            .Bind(builder.Configuration.GetSection(CallerKeypadOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallerKeypadOptions>, CallerKeypadOptionsValidator>());
        builder.Services.AddHostedService<KeypadWorker>();
        return builder;
    }
}
