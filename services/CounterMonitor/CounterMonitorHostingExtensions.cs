using Hall.Contract.Events;
using Hall.Contract.Settings;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Pipeline;
using Hall.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor;

public static class CounterMonitorHostingExtensions
{
    /// <summary>
    /// Counter monitoring: settings (section "CounterMonitor", checked at start, re-read on change), its migrations, the
    /// camera catalog, <see cref="CounterMonitorService"/> (also an <see cref="IHallEventHandler"/>: it follows the
    /// queue's counters and waiting counts), the camera supervisor, the one inference worker and the rule ticker.
    /// The host registers HallDatabase, IHallPublisher, IHallEventBus, HallClock and TimeProvider, applies the
    /// migrations and seeds the service with the queue's snapshot.
    /// </summary>
    /// <param name="dataDirectory">The box's data folder: models and snapshots default to folders in it.</param>
    public static IHostApplicationBuilder AddCounterMonitor(this IHostApplicationBuilder builder, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CounterMonitorOptions>()
            .Bind(builder.Configuration.GetSection(CounterMonitorOptions.Section))
            .PostConfigure(o =>
            {
                o.ModelDirectory = string.IsNullOrWhiteSpace(o.ModelDirectory) ? Path.Combine(dataDirectory, "models") : o.ModelDirectory;
                o.SnapshotDirectory = string.IsNullOrWhiteSpace(o.SnapshotDirectory) ? Path.Combine(dataDirectory, "snapshots") : o.SnapshotDirectory;
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CounterMonitorOptions>>(
            new SectionValidator<CounterMonitorOptions>(CounterMonitorOptions.Section, new CounterMonitorOptionsValidator(), new CounterMonitorOptionsSemanticValidator())));
        builder.Services.AddSingleton<IMigrationSource, CounterMonitorMigrations>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CameraStore>();
        builder.Services.AddSingleton<CameraCatalog>();
        builder.Services.AddSingleton<FrameQueue>();
        builder.Services.AddSingleton<FaceDetectors>();
        builder.Services.AddSingleton<MonitorMetrics>();
        builder.Services.AddSingleton<ISnapshotWriter, FfmpegSnapshotWriter>();
        builder.Services.AddSingleton<CounterMonitorService>();
        builder.Services.AddSingleton<IHallEventHandler>(sp => sp.GetRequiredService<CounterMonitorService>());
        builder.Services.AddSingleton<IRetainedStateSource>(sp => sp.GetRequiredService<CounterMonitorService>());
        builder.Services.AddSingleton<CameraSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CameraSupervisor>());
        builder.Services.AddHostedService<InferenceWorker>();
        builder.Services.AddHostedService<MonitorTicker>();
        return builder;
    }
}
