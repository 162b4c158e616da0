using Hall.Contract;
using Hall.Contract.Settings;
using Hall.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Staff;

public static class StaffHostingExtensions
{
    /// <summary>
    /// Registers staff accounts: settings (section "Staff", checked at start), the staff table,
    /// the sign-in limiter, server-side sessions, <see cref="StaffDirectory"/> (also as <see cref="IStaffDirectory"/> for counter sign-in) and the
    /// start-up bootstrap of the admin account. The host registers <see cref="HallDatabase"/> and must
    /// call this after the store's migration service, so the table exists when the bootstrap runs.
    /// </summary>
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StaffOptions>()
            .Bind(builder.Configuration.GetSection(StaffOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaffOptions>>(
            new SectionValidator<StaffOptions>(StaffOptions.Section, new StaffOptionsValidator(), new StaffOptionsSemanticValidator())));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMigrationSource, StaffMigrations>();
        services.TryAddSingleton<SignInLimiter>();
        services.TryAddSingleton<StaffSessions>();
        services.TryAddSingleton<StaffDirectory>();
        services.TryAddSingleton<IStaffDirectory>(sp => sp.GetRequiredService<StaffDirectory>());
        services.AddHostedService<StaffBootstrapper>();
        return builder;
    }
}
