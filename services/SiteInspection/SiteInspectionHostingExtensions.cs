using Hall.Contract.Identity;
using Hall.Contract.Settings;
using Hall.SiteInspection.Analysis;
using Hall.SiteInspection.Evidence;
using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Upload;
using Hall.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection;

public static class SiteInspectionHostingExtensions
{
    /// <summary>
    /// 云踏勘: settings (sections SiteInspection, :Upload, :Jobs, :Analysis, checked at start), its migrations, the upload
    /// store and its janitor, the checking queue and its one worker, and <see cref="InspectionService"/> for the pages.
    /// The host registers HallDatabase, IHallPublisher, HallClock and TimeProvider, maps the endpoints, and seeds the
    /// rules with <see cref="InspectionStore.SeedRules"/> after the migrations.
    /// </summary>
    public static IHostApplicationBuilder AddSiteInspection(this IHostApplicationBuilder builder, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(SiteInspectionOptions.Section);
        builder.Services.AddOptions<SiteInspectionOptions>().Bind(section).PostConfigure(o =>
        {
            o.ModelDirectory = Or(o.ModelDirectory, Path.Combine(dataDirectory, "models"));
            o.WorkDirectory = Or(o.WorkDirectory, Path.Combine(dataDirectory, "inspection", "work"));
            o.SigningKeyPath = Or(o.SigningKeyPath, Path.Combine(dataDirectory, BoxKey.FileName));
        }).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiteInspectionOptions>>(
            new SectionValidator<SiteInspectionOptions>(SiteInspectionOptions.Section, new SiteInspectionOptionsValidator())));
        builder.Services.AddOptions<UploadOptions>().Bind(section.GetSection("Upload"))
            .PostConfigure(o => o.Directory = Or(o.Directory, Path.Combine(dataDirectory, "inspection", "videos"))).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadOptions>>(
            new SectionValidator<UploadOptions>(UploadOptions.Section, new UploadOptionsValidator())));
        builder.Services.AddOptions<InspectionJobOptions>().Bind(section.GetSection("Jobs")).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InspectionJobOptions>>(
            new SectionValidator<InspectionJobOptions>(InspectionJobOptions.Section, new InspectionJobOptionsValidator())));
        builder.Services.AddOptions<AnalysisOptions>().Bind(section.GetSection("Analysis")).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnalysisOptions>>(
            new SectionValidator<AnalysisOptions>(AnalysisOptions.Section, new AnalysisOptionsValidator(), new AnalysisOptionsSemanticValidator())));

        builder.Services.AddSingleton<IMigrationSource, InspectionMigrations>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InspectionStore>();
        builder.Services.AddSingleton<Hall.Contract.Evidence.IRequestedVideos, RequestedVideos>();
        builder.Services.AddSingleton<IHostedService>(sp => new StartupTask(() => sp.GetRequiredService<InspectionStore>().SeedRules(Rules.InspectionCatalogue.Defaults, sp.GetRequiredService<HallClock>().Now())));
        builder.Services.AddSingleton<Hall.Store.Config.IConfigPart, InspectionConfigPart>();
        builder.Services.AddSingleton<InspectionJobQueue>();
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.AddSingleton<InspectionService>();
        builder.Services.AddSingleton(sp => new VideoProber(sp.GetRequiredService<IOptions<AnalysisOptions>>().Value, sp.GetRequiredService<ILogger<VideoProber>>()));
        builder.Services.AddSingleton(sp => new AnalysisPass(sp.GetRequiredService<IOptions<AnalysisOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AnalysisPass>>()));
        builder.Services.AddSingleton(sp => new KeyFrameExtractor(sp.GetRequiredService<IOptions<AnalysisOptions>>().Value, sp.GetRequiredService<ILogger<KeyFrameExtractor>>()));
        builder.Services.AddSingleton<InspectionModels>();
        builder.Services.AddSingleton(sp => BoxKey.LoadOrCreate(sp.GetRequiredService<IOptions<SiteInspectionOptions>>().Value.SigningKeyPath));
        builder.Services.AddSingleton<IInspectionJobRunner, InspectionJobRunner>();
        builder.Services.AddHostedService<UploadJanitor>();
        builder.Services.AddHostedService<InspectionJobWorker>();
        builder.Services.AddHostedService<VideoRetention>();
        return builder;
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
