using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Devices.Client;

/// <summary>Registers a device program's link to its box.</summary>
public static class DeviceClientHostingExtensions
{
    /// <summary>
    /// Binds and validates the <c>Box</c> section at start (reading <c>Box:ProvisioningFile</c> when set),
    /// and adds the singleton <see cref="HallDeviceClient"/> with the hosted service that keeps it connected.
    /// </summary>
    public static IHostApplicationBuilder AddHallDeviceClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeviceClientOptions>()
            .Bind(builder.Configuration.GetSection(DeviceClientOptions.SectionName))
            .PostConfigure(DeviceProvisioning.Apply)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeviceClientOptions>, DeviceClientOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<HallDeviceClient>();
        builder.Services.AddHostedService<DeviceClientService>();
        return builder;
    }
}
