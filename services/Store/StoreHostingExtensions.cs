using Hall.Contract.Events;
using Hall.Contract.Settings;
using Hall.Store.Alerts;
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
}
