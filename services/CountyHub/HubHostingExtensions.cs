using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hall.Contract.Settings;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Auth;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tls;
using Hall.CountyHub.Villages;
using Hall.CountyHub.Web;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub;

public static class HubHostingExtensions
{
    /// <summary>
    /// The county hub: settings (section "Hub", checked at start), the database and its migrations, the ingest, and
    /// Kestrel on HTTPS only with the hub's certificate.
    /// </summary>
    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<HubOptions>()
            .Bind(builder.Configuration.GetSection(HubOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubOptions>>(
            new SectionValidator<HubOptions>(HubOptions.Section, new HubOptionsValidator(), new HubOptionsSemanticValidator())));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => HubDatabase.From(sp.GetRequiredService<IOptions<HubOptions>>().Value));
        services.AddSingleton(sp => HubCertificate.Load(sp.GetRequiredService<IOptions<HubOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<HubInitializer>();
        services.AddHostedService<HubBootstrapper>();
        services.AddSingleton<BoxDirectory>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<HubAudit>();
        services.AddSingleton<HubAccounts>();
        services.AddSingleton<Figures.Overview>();
        services.AddSingleton<Figures.CaseList>();
        services.AddSingleton<Figures.InspectionList>();
        services.AddSingleton<Figures.FigureQueries>();
        services.AddSingleton<Figures.CountyFigures>();
        services.AddSingleton<HubClock>();
        services.AddSingleton<BoxLocks>();
        services.AddSingleton<IngestCounters>();
        services.AddSingleton<BatchIngest>();
        services.AddSingleton<HubStatus>();
        services.AddVillages();
        services.AddHubDownlink();

        // Read when the server starts, after the settings were checked: TLS only, on the configured address and port.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HubOptions>, X509Certificate2>((kestrel, hub, certificate) =>
        {
            var options = hub.Value;
            kestrel.AddServerHeader = false;

            // The endpoint reads the body itself against Hub:MaxBatchBytes and answers sync-too-large; this is only the outer bound.
            kestrel.Limits.MaxRequestBodySize = (long)options.MaxBatchBytes * 2;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.HttpsPort, listen => listen.UseHttps(certificate));
        });
        return builder;
    }
}
