using Hall.Contract.Settings;
using Hall.Store;
using Hall.Store.Config;
using Hall.Store.Writer;
using Hall.Sync.Downlink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Hall.Sync.Link;
using Hall.Sync.Evidence;
using Hall.Contract.Downlink;

namespace Hall.Sync;

public static class SyncHostingExtensions
{
    /// <summary>
    /// The uplink to the county hub (section "Sync", checked at start). It signs with the box's key
    /// (<see cref="Hall.Contract.Identity.BoxKey"/>, registered by the box) and writes its position through the
    /// store's command writer; register it after the store.
    /// </summary>
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder, UplinkIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SyncOptions>()
            .Bind(builder.Configuration.GetSection(SyncOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>>(
            new SectionValidator<SyncOptions>(SyncOptions.Section, new SyncOptionsValidator(), new SyncOptionsSemanticValidator())));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(identity);
        services.AddSingleton<UplinkStatus>();
        services.AddSingleton(sp => new LinkShare(sp.GetRequiredService<IOptions<SyncOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UplinkWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<UplinkWorker>());

        // Videos the county asks for: the downlink's video-request handler, and the uploader after the uplink.
        services.AddSingleton<IMigrationSource, EvidenceMigrations>();
        services.AddSingleton<IDownlinkHandler, VideoRequestHandler>();
        services.AddHostedService<VideoUploadWorker>();

        // The downlink: the county's configuration versions and its messages. Each service adds its IConfigPart and
        // the evidence part its IDownlinkHandlers; the county settings part is the downlink's own.
        services.AddSingleton<IMigrationSource, SyncMigrations>();
        services.TryAddSingleton<CountySettings>();
        services.AddSingleton<CountySettingsPart>();
        services.AddSingleton<IConfigPart>(sp => sp.GetRequiredService<CountySettingsPart>());
        services.AddSingleton<IHostedService>(sp => new StartupTask(() => sp.GetRequiredService<CountySettingsPart>().Load()));
        services.AddSingleton<DownlinkStatus>();
        services.AddSingleton(sp => new ConfigApplier(
            sp.GetRequiredService<CommandWriter>(),
            sp.GetServices<IConfigPart>(),
            identity.BoxId,
            sp.GetRequiredService<IOptions<SyncOptions>>().Value.HubSigningKey,
            sp.GetRequiredService<ILogger<ConfigApplier>>()));
        services.AddSingleton<DownlinkWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DownlinkWorker>());
        return builder;
    }
}
