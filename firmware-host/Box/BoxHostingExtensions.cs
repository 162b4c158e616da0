using Hall.Contract;
using Hall.Contract.Settings;
using Hall.DeviceRegistry;
using Hall.FirmwareHost.Broker;
using Hall.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Box;

/// <summary>Composition of the box's own parts: settings, store, registry, broker.</summary>
public static class BoxHostingExtensions
{
    /// <summary>Settings, clock, and the store: SQLite, its migrations (run first of all hosted services), the command writer.</summary>
    public static BoxOptions AddBox(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // What hallctl box init wrote on site (/etc/hall/box.json), between the shipped defaults and an operator's override.
        BoxSettingsFile.Add(builder.Configuration);
        var box = ReadBoxOptions(builder.Configuration);
        builder.Services.AddOptions<BoxOptions>()
            .Bind(builder.Configuration.GetSection(BoxOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BoxOptions>>(Validator());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new HallClock(TimeZoneInfo.FindSystemTimeZoneById(box.TimeZone), sp.GetRequiredService<TimeProvider>()));
        builder.AddStore(box.DatabasePath);
        builder.Services.AddSingleton<BoxMetrics>();
        builder.AddTransport(box);
        return box;
    }

    /// <summary>
    /// The device registry, the access policy, the embedded broker and its request router. The broker
    /// is started as a hosted service by <see cref="HallServicesExtensions.AddHallServices"/>, after the services load.
    /// </summary>
    public static void AddBroker(this WebApplicationBuilder builder, BoxOptions box)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(box);
        builder.Services.AddSingleton<IMigrationSource, DeviceRegistryMigrations>();
        builder.Services.AddSingleton<DeviceRegistryService>();
        builder.Services.AddSingleton<Hall.Store.Config.IConfigPart, DeviceConfigPart>();
        builder.Services.AddSingleton(new AccessPolicy(box.HallId));
        builder.Services.AddSingleton<RequestRouter>();
        builder.Services.AddSingleton<ITicketLinks>(sp => sp.GetRequiredService<Web.TicketLinks>());
        builder.Services.AddSingleton(sp => new BrokerPublisher(box.HallId, sp.GetServices<IPublishObserver>()));
        builder.Services.AddSingleton<IHallPublisher>(sp => sp.GetRequiredService<BrokerPublisher>());
        builder.Services.AddSingleton<DeviceWatch>();
        builder.Services.AddSingleton<HallBroker>();

        // Revoked or replaced devices lose their open sessions within a second (broker part of issue 12).
        builder.Services.AddSingleton<SessionSweepSignal>();
        builder.Services.AddHostedService<SessionGuard>();
    }

    /// <summary>
    /// The box's certificate, HTTPS on Box:BindAddress:Box:HttpsPort, and plain HTTP on Box:DeviceLanAddress:Box:HttpPort
    /// only when the device LAN is isolated (<see cref="Web.PlainHttpGuard"/> keeps staff and secrets off it).
    /// </summary>
    private static void AddTransport(this WebApplicationBuilder builder, BoxOptions box)
    {
        // Read now: Kestrel's endpoints are fixed before the host (and its TimeProvider) is built.
        var tls = BoxTls.Load(box, TimeProvider.System);
        builder.Services.AddSingleton(tls);
        builder.Services.AddTransient<IStartupFilter, Web.PlainHttpGuard>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Parse(box.BindAddress), box.HttpsPort, listen => listen.UseHttps(tls.Certificate));
            if (box.DeviceLanIsolated)
            {
                kestrel.Listen(System.Net.IPAddress.Parse(box.DeviceLanAddress!), box.HttpPort);
            }
        });
    }

    /// <summary>Reads the Box section early (ports are needed before the host is built); a bad value stops the box.</summary>
    public static BoxOptions ReadBoxOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        BoxOptions box;
        try
        {
            box = configuration.GetSection(BoxOptions.Section).Get<BoxOptions>() ?? new BoxOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(BoxOptions.Section, typeof(BoxOptions), [ex.Message]);
        }

        var result = Validator().Validate(null, box);
        return result.Succeeded ? box : throw new OptionsValidationException(BoxOptions.Section, typeof(BoxOptions), result.Failures);
    }

    private static SectionValidator<BoxOptions> Validator() => new(BoxOptions.Section, new BoxOptionsValidator(), new BoxOptionsSemanticValidator());
}
