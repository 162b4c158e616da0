using Hall.Contract.Events;
using Hall.Contract.Settings;
using Hall.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Display;

public static class DisplayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the call display: options (section Display), its tables, <see cref="DisplayService"/>
    /// as an event handler, speech synthesis with its worker, and the live feed. The host provides
    /// <see cref="HallDatabase"/> and <see cref="Contract.IHallPublisher"/>, calls
    /// <see cref="DisplayService.RestoreRetainedAsync"/> once the broker runs, hands every published
    /// message to <see cref="LiveFeed.Push"/>, and maps the pages with <see cref="DisplayEndpoints.MapDisplay"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDisplay(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<DisplayOptions>()
            .Bind(configuration.GetSection(DisplayOptions.Section))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.CacheDirectory))
                {
                    var dataDirectory = configuration["Box:DataDirectory"];
                    options.CacheDirectory = string.IsNullOrWhiteSpace(dataDirectory) ? null : Path.Combine(dataDirectory, "speech");
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DisplayOptions>>(new SectionValidator<DisplayOptions>(DisplayOptions.Section, new DisplayOptionsValidator())));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMigrationSource, DisplayMigrations>();
        services.TryAddSingleton<DisplayCallStore>();

        services.TryAddSingleton<ISpeechRunner, EspeakRunner>();
        services.TryAddSingleton<SpeechCache>();
        services.TryAddSingleton<SpeechQueue>();
        services.AddHostedService<SpeechWorker>();

        services.TryAddSingleton(sp => new LiveFeed(sp.GetRequiredService<IOptions<DisplayOptions>>()));

        services.TryAddSingleton<DisplayService>();
        services.AddSingleton<IHallEventHandler>(sp => sp.GetRequiredService<DisplayService>());
        services.AddSingleton<Contract.IRetainedStateSource>(sp => sp.GetRequiredService<DisplayService>());
        return builder;
    }
}
