using Hall.Contract.Settings;
using Hall.Queue.Persistence;
using Hall.Queue.Supervision;
using Hall.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// The queue: settings (section "Queue", checked at start), its migrations, <see cref="QueueService"/> (loaded at
    /// start, its counters republished retained whenever the broker starts), its device requests (ticket, reprint,
    /// counter) and the supervisor. The host registers HallDatabase, the command writer, IHallPublisher and
    /// IStaffDirectory, and may register an <see cref="IRatingGate"/> and <see cref="ITicketLinks"/>.
    /// </summary>
    public static IHostApplicationBuilder AddQueue(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<QueueOptions>()
            .Bind(builder.Configuration.GetSection(QueueOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>>(
            new SectionValidator<QueueOptions>(QueueOptions.Section, new QueueOptionsValidator(), new QueueOptionsSemanticValidator())));
        builder.Services.AddSingleton<IMigrationSource, QueueMigrations>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<QueueService>();
        builder.Services.AddSingleton<IHostedService>(sp => new StartupTask(sp.GetRequiredService<QueueService>().Start));
        builder.Services.AddSingleton<IRetainedStateSource>(sp => sp.GetRequiredService<QueueService>());
        builder.Services.AddSingleton<IDeviceRequests, QueueRequests>();
        builder.Services.AddSingleton<Hall.Store.Config.IConfigPart, QueueConfigPart>();
        builder.Services.AddHostedService<QueueSupervisor>();
        return builder;
    }
}
