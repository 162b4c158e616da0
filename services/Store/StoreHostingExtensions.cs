using Hall.Contract.Events;
using Hall.Contract.Settings;
using Hall.Store.Alerts;
using Hall.Store.Disk;
using Hall.Store.Retention;
using Hall.Store.Writer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Store;

public static class StoreHostingExtensions
{
    /// <summary>
    /// The box's store: the SQLite file, its migrations (applied first of all hosted services), the one command writer
    /// and the listeners' lanes after it, the alert board, and retention (section "Store", checked at start). Register
    /// it before every service: hosted services start in order and stop in reverse, so the writer is the last to stop.
    /// </summary>
    public static IHostApplicationBuilder AddStore(this IHostApplicationBuilder builder, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StoreOptions>()
            .Bind(builder.Configuration.GetSection(StoreOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>>(new SectionValidator<StoreOptions>(StoreOptions.Section, new StoreOptionsValidator())));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new HallDatabase(databasePath));
        services.AddSingleton<IMigrationSource, StoreMigrations>();
        AddDiskBudget(builder, Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        services.AddHostedService<StoreInitializer>();

        // Listeners are asked for at the first commit: several of them take commands themselves.
        services.AddSingleton(sp => new EventDispatcher(
            () => sp.GetServices<IHallEventHandler>(),
            sp.GetService<Contract.IHallPublisher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventDispatcher>>()));
        services.AddSingleton<CommandWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<CommandWriter>());

        services.AddSingleton<AlertBoard>();

        // The county's settings as the box runs them: filled by the downlink, read by the services that honour them.
        services.TryAddSingleton<Config.CountySettings>();
        services.AddSingleton<IHallEventHandler>(sp => sp.GetRequiredService<AlertBoard>());
        services.AddSingleton<StoreRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreRetention>());
        return builder;
    }

    /// <summary>
    /// The disk budget every growing writer asks (section "Disk", checked at start) and its watch, which starts before
    /// the store opens so that a full disk cannot keep the box from starting.
    /// </summary>
    private static void AddDiskBudget(IHostApplicationBuilder builder, string dataDirectory)
    {
        var services = builder.Services;
        services.AddOptions<DiskOptions>()
            .Bind(builder.Configuration.GetSection(DiskOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiskOptions>>(new SectionValidator<DiskOptions>(DiskOptions.Section, new DiskOptionsValidator())));
        services.TryAddSingleton<IFreeSpace, DriveFreeSpace>();
        services.AddSingleton(sp => new DiskBudget(sp.GetRequiredService<IFreeSpace>(), dataDirectory, sp.GetRequiredService<IOptions<DiskOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new StoreWriteProbe(sp.GetRequiredService<HallDatabase>(), dataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DiskWatch(
            sp.GetRequiredService<DiskBudget>(),
            sp.GetRequiredService<StoreWriteProbe>(),
            sp.GetRequiredService<IFreeSpace>(),
            dataDirectory,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILogger<DiskWatch>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DiskWatch>());
    }
}
