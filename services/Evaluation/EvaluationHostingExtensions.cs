using Hall.Contract.Events;
using Hall.Contract.Settings;
using Hall.Evaluation.Persistence;
using Hall.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

public static class EvaluationHostingExtensions
{
    /// <summary>
    /// 好差评: settings (section "Evaluation", checked at start), its migrations, <see cref="EvaluationService"/> (a listener,
    /// so the queue's TicketFinished opens rating windows; the queue's <see cref="IRatingGate"/>; loaded at start; the
    /// evaluators lit again whenever the broker starts), its device request <c>req/rating</c> and the supervisor. The host
    /// registers HallDatabase, the command writer, IHallPublisher, HallClock, TimeProvider and the staff directory (AddStaff).
    /// </summary>
    public static IHostApplicationBuilder AddEvaluation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EvaluationOptions>()
            .Bind(builder.Configuration.GetSection(EvaluationOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationOptions>>(
            new SectionValidator<EvaluationOptions>(EvaluationOptions.Section, new EvaluationOptionsValidator(), new EvaluationOptionsSemanticValidator())));
        builder.Services.AddSingleton<IMigrationSource, EvaluationMigrations>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EvaluationService>();
        builder.Services.AddSingleton<IHallEventHandler>(sp => sp.GetRequiredService<EvaluationService>());
        builder.Services.AddSingleton<IRatingGate>(sp => sp.GetRequiredService<EvaluationService>());
        builder.Services.AddSingleton<IRetainedStateSource>(sp => sp.GetRequiredService<EvaluationService>());
        builder.Services.AddSingleton<IHostedService>(sp => new StartupTask(sp.GetRequiredService<EvaluationService>().Start));
        builder.Services.AddSingleton<IDeviceRequests, EvaluationRequests>();
        builder.Services.AddSingleton<Hall.Store.Config.IConfigPart, EvaluationConfigPart>();
        builder.Services.AddHostedService<EvaluationSupervisor>();

        // 督办 from the county hub: stored by the downlink's handler, shown and answered on the console.
        builder.Services.AddSingleton<CountySupervision.Supervisions>();
        builder.Services.AddSingleton<Hall.Contract.Downlink.IDownlinkHandler, CountySupervision.SupervisionHandler>();
        return builder;
    }
}
