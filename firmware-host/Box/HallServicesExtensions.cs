using System.Text;
using Hall.Assessment;
using Hall.Contract;
using Hall.CounterMonitor;
using Hall.Display;
using Hall.Evaluation;
using Hall.FirmwareHost.Broker;
using Hall.FirmwareHost.Demo;
using Hall.FirmwareHost.Web;
using Hall.Queue;
using Hall.SiteInspection;
using Hall.Staff;
using Hall.Store;
using Hall.Sync;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Box;

/// <summary>The hall's domain services, each registering its own requests, listeners and start-up; then the broker.</summary>
public static class HallServicesExtensions
{
    public static void AddHallServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStaff();
        builder.AddQueue();
        builder.AddDisplay();
        builder.Services.AddOptions<DisplayOptions>().Configure<IOptions<BoxOptions>>((display, box) => display.HallName = box.Value.HallName);
        builder.AddEvaluation();
        builder.AddAssessment();
        // Absolute, so that a box started with --Box:DataDirectory=./.data/box gets absolute paths for its files too.
        var dataDirectory = Path.GetFullPath(builder.Configuration.GetValue<string>("Box:DataDirectory") ?? new BoxOptions().DataDirectory);
        builder.AddCounterMonitor(dataDirectory);
        builder.AddSiteInspection(dataDirectory);

        // The uplink signs with the box's key (registered with 云踏勘's evidence packs) and reads the outbox.
        var box = BoxHostingExtensions.ReadBoxOptions(builder.Configuration);
        builder.AddSync(new UplinkIdentity(box.HallId, box.HallName, box.TimeZone));

        builder.Services.AddSingleton<IPublishObserver, LiveFeedObserver>();
        builder.Services.AddSingleton<TicketLinks>();

        // The cameras follow the queue's counters from its events; at start they take its snapshot once.
        builder.Services.AddSingleton<IHostedService>(sp => new StartupTask(() =>
        {
            var snapshot = sp.GetRequiredService<QueueService>().GetSnapshot();
            sp.GetRequiredService<CounterMonitorService>().Seed(snapshot.Counters, snapshot.Categories.ToDictionary(c => c.Prefix, c => c.Waiting, StringComparer.Ordinal));
        }));

        // Order matters: the store is migrated, then the services load (above), then the broker opens.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HallBroker>());

        if (builder.Configuration.GetValue<bool>("Box:Demo"))
        {
            builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section)).ValidateOnStart();
            builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<DemoOptions>>(new Hall.Contract.Settings.SectionValidator<DemoOptions>(DemoOptions.Section, new DemoOptionsValidator()));
            builder.Services.AddHostedService<DemoHall>();
        }
    }

    /// <summary>Hands every message the box publishes to the live pages too.</summary>
    private sealed class LiveFeedObserver(LiveFeed feed) : IPublishObserver
    {
        public void OnPublished(string topic, byte[] json, bool retain) => feed.Push(topic, Encoding.UTF8.GetString(json), retain);
    }
}
