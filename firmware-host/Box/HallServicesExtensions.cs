using System.Text;
using Hall.Assessment;
using Hall.Contract;
using Hall.Contract.Events;
using Hall.CounterMonitor;
using Hall.SiteInspection;
using Hall.SiteInspection.Rules;
using Hall.Display;
using Hall.Evaluation;
using Hall.FirmwareHost.Broker;
using Hall.FirmwareHost.Demo;
using Hall.FirmwareHost.Web;
using Hall.Queue;
using Hall.Staff;

namespace Hall.FirmwareHost.Box;

/// <summary>The hall's domain services, wired to the router, the live pages and the broker.</summary>
public static class HallServicesExtensions
{
    public static void AddHallServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStaff();
        builder.AddQueue();
        builder.AddDisplay();
        builder.AddEvaluation();
        builder.AddAssessment();
        var dataDirectory = builder.Configuration.GetValue<string>("Box:DataDirectory") ?? new BoxOptions().DataDirectory;
        builder.AddCounterMonitor(dataDirectory);
        builder.AddSiteInspection(dataDirectory);
        builder.Services.AddSingleton<IHallEventBus, HallEventBus>();

        builder.Services.AddSingleton<IPublishObserver, LiveFeedObserver>();
        builder.Services.AddSingleton<TicketLinks>();
        builder.Services.AddSingleton<IRetainedStateSource>(sp => new RetainedState(sp.GetRequiredService<QueueService>().RestoreRetainedAsync));
        builder.Services.AddSingleton<IRetainedStateSource>(sp => new RetainedState(sp.GetRequiredService<DisplayService>().RestoreRetainedAsync));
        builder.Services.AddSingleton<IRetainedStateSource>(sp => new RetainedState(sp.GetRequiredService<EvaluationService>().RestoreRetainedAsync));
        builder.Services.AddSingleton<IRetainedStateSource>(sp => new RetainedState(sp.GetRequiredService<CounterMonitorService>().RestoreRetainedAsync));

        // Order matters: the store is migrated (StoreInitializer), then services load, then the broker opens.
        builder.Services.AddHostedService<ServiceStarter>();
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

    private sealed class RetainedState(Func<CancellationToken, Task> restore) : IRetainedStateSource
    {
        public Task RestoreRetainedAsync(CancellationToken cancellationToken) => restore(cancellationToken);
    }

    /// <summary>Loads each service from the migrated store and maps its device requests.</summary>
    private sealed class ServiceStarter(QueueService queue, EvaluationService evaluation, CounterMonitorService monitor, InspectionStore inspections, HallClock clock, RequestRouter router, TicketLinks links) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            queue.Start();
            evaluation.Start();
            inspections.SeedRules(InspectionCatalogue.Defaults, clock.Now());
            var snapshot = queue.GetSnapshot();
            monitor.Seed(snapshot.Counters, snapshot.Categories.ToDictionary(c => c.Prefix, c => c.Waiting, StringComparer.Ordinal));
            router.Map<TicketRequest>(Topics.Requests.Ticket, async (who, request, ct) => WithLink(await queue.HandleTicketAsync(who, request, ct)));
            router.Map<ReprintRequest>(Topics.Requests.Reprint, async (who, request, ct) => WithLink(await queue.HandleReprintAsync(who, request, ct)));
            router.Map<CounterRequest>(Topics.Requests.Counter, (who, request, ct) => CounterAsync(who, request, ct));
            router.Map<RatingRequest>(Topics.Requests.Rating, evaluation.HandleRatingAsync);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // Where the hall asks for it, a counter rates the last service (or lets its window run out) before calling again.
        private Task<object> CounterAsync(DeviceIdentity who, CounterRequest request, CancellationToken ct) =>
            request.Cmd == "next" && who.Counter is { } counter && evaluation.MustWaitForRating(counter)
                ? Task.FromResult<object>(router.Error(request.RequestId, ErrorCodes.RatingPending, $"{counter}号窗口上一位办事人还在评价,请稍候或请其在评价器上评价 (rating pending)"))
                : queue.HandleCounterAsync(who, request, ct);

        // The QR link is derived, not stored, so a repeated request prints the same code.
        private object WithLink(object reply) => reply is TicketReply ticket ? ticket with { Qr = links.For(ticket) } : reply;
    }
}
