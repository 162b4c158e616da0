using Hall.Contract.Events;
using Hall.Contract.Settings;
using Hall.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Assessment;

public static class AssessmentHostingExtensions
{
    /// <summary>
    /// 窗口考核: settings (section "Assessment", checked at start; the hall's name defaults to Box:HallName), its
    /// migrations, <see cref="AssessmentService"/> (also as an <see cref="IHallEventHandler"/>, fed by the queue and,
    /// through the event bus, by the evaluation) and the supervisor that sends ended days to the outbox. The host
    /// registers HallDatabase, HallClock and TimeProvider, and maps the endpoints with
    /// <see cref="AssessmentEndpoints.MapAssessment"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAssessment(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var hallName = builder.Configuration["Box:HallName"];
        builder.Services.AddOptions<AssessmentOptions>()
            .Configure(options =>
            {
                if (!string.IsNullOrWhiteSpace(hallName))
                {
                    options.HallName = hallName;
                }
            })
            .Bind(builder.Configuration.GetSection(AssessmentOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AssessmentOptions>>(
            new SectionValidator<AssessmentOptions>(AssessmentOptions.Section, new AssessmentOptionsValidator())));
        builder.Services.AddSingleton<IMigrationSource, AssessmentMigrations>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AssessmentService>();
        builder.Services.AddSingleton<IHallEventHandler>(sp => sp.GetRequiredService<AssessmentService>());
        builder.Services.AddHostedService<AssessmentSupervisor>();
        return builder;
    }
}
