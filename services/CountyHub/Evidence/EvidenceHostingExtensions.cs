using Hall.Contract.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Evidence;

public static class EvidenceHostingExtensions
{
    /// <summary>督办 and videos on demand: settings (section Hub:Evidence, checked at start) and the upload store.</summary>
    public static WebApplicationBuilder AddEvidence(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EvidenceOptions>().Bind(builder.Configuration.GetSection(EvidenceOptions.Section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvidenceOptions>>(
            new SectionValidator<EvidenceOptions>(EvidenceOptions.Section, new EvidenceOptionsValidator())));
        builder.Services.AddSingleton<VideoUploads>();
        builder.Services.AddSingleton<VideoRequests>();
        builder.Services.AddSingleton<HubSupervisions>();
        return builder;
    }

    /// <summary>The box-facing upload routes (signed by the box) and the staff's 督办 and 调取视频 API.</summary>
    public static WebApplication MapEvidence(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapUploads();
        app.MapEvidenceApi();
        return app;
    }
}
