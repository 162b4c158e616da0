using Hall.Contract.Settings;
using Hall.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// The queue: settings (section "Queue", checked at start), its migrations, <see cref="QueueService"/> and the
    /// supervisor. The host registers HallDatabase, IHallPublisher, IStaffDirectory and the event handlers, applies
    /// the migrations, then calls <see cref="QueueService.Start"/> and <see cref="QueueService.RestoreRetainedAsync"/>.
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
        builder.Services.AddHostedService<QueueSupervisor>();
        return builder;
    }
}
