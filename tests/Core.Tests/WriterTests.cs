using System.Text;
using Hall.Contract.Events;
using Hall.Contract;
using Hall.Store.Writer;
using Hall.Store;
using Hall.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace Hall.Core.Tests;

/// <summary>The one command writer and the listeners after it: replies never wait on a listener, nothing is dropped silently.</summary>
public sealed class WriterTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_stalled_listener_holds_no_reply_back_and_its_backlog_shows_in_the_metrics()
    {
        var stalled = new StalledListener();
        var quick = new CountingListener();
        await using var running = await RunningWriter.StartAsync(_db.Database, TimeProvider.System, () => [stalled, quick]);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i, await running.Writer.SubmitAsync(new RaisingCommand(i)));
        }

        // The other listener got every event in commit order while the stalled one still holds its first.
        await running.Dispatcher.WhenDeliveredAsync(quick);
        Assert.Equal(Enumerable.Range(0, 20), quick.Seen);
        var text = new StringBuilder();
        running.Dispatcher.RenderMetrics(text);
        Assert.Contains("hall_listener_backlog{listener=\"StalledListener\"} 20", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("hall_listener_backlog{listener=\"CountingListener\"} 0", text.ToString(), StringComparison.Ordinal);
        Assert.True(running.Dispatcher.Listeners.Single(l => l.Name == "StalledListener").IsBehind is false);

        stalled.Release();
        await running.SettledAsync();
        Assert.Equal(20, stalled.Handled);
    }

    [Fact]
    public async Task A_failing_listener_is_tried_again_and_an_event_it_never_takes_is_dead_lettered_not_lost_for_the_others()
    {
        var flaky = new FlakyListener(failFirst: 1, alwaysFail: 7);
        var quick = new CountingListener();
        await using var running = await RunningWriter.StartAsync(_db.Database, TimeProvider.System, () => [flaky, quick]);

        for (var i = 0; i < 10; i++)
        {
            await running.Writer.SubmitAsync(new RaisingCommand(i));
        }

        await running.SettledAsync();
        Assert.Equal(Enumerable.Range(0, 10), quick.Seen);

        // Event 0 failed once and went through on the second try; event 7 never did and was dead-lettered.
        Assert.Equal(Enumerable.Range(0, 10).Where(i => i != 7), flaky.Seen);
        var status = running.Dispatcher.Listeners.Single(l => l.Name == "FlakyListener");
        Assert.Equal(1, status.DeadLetters);
        Assert.True(status.IsBehind);
        Assert.Equal(10, _db.Scalar("SELECT count(*) FROM outbox WHERE type = 'TestEvent'"));
    }

    [Fact]
    public async Task A_writer_loop_that_dies_stops_the_host_with_an_error_naming_it_and_callers_are_answered()
    {
        // A data file that cannot be opened: the loop dies at its first step.
        var unopenable = Path.Combine(_db.Directory, "not-a-database");
        Directory.CreateDirectory(unopenable);
        var log = new RecordingLogger();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Services.AddSingleton(new HallDatabase(unopenable));
        builder.Services.AddSingleton(sp => new EventDispatcher(() => [], null, TimeProvider.System, NullLogger<EventDispatcher>.Instance));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CommandWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CommandWriter>());
        using var host = builder.Build();

        await host.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.WaitForShutdownAsync(timeout.Token);

        var writer = host.Services.GetRequiredService<CommandWriter>();
        Assert.NotNull(writer.Fault);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Critical && e.Category == typeof(CommandWriter).FullName && e.Message.Contains("command writer stopped", StringComparison.Ordinal));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => writer.SubmitAsync(new RaisingCommand(1)));
    }

    [Fact]
    public async Task A_repeated_request_gets_its_first_answer_and_raises_nothing_again()
    {
        var quick = new CountingListener();
        await using var running = await RunningWriter.StartAsync(_db.Database, TimeProvider.System, () => [quick]);

        var first = await running.Writer.SubmitAsync(new RaisingCommand(1, "kiosk-1", "r-1"));
        var again = await running.Writer.SubmitAsync(new RaisingCommand(2, "kiosk-1", "r-1"));

        Assert.Equal(1, first);
        Assert.Equal(1, again);
        await running.SettledAsync();
        Assert.Equal([1], quick.Seen);
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM request_log"));
    }

    /// <summary>Raises one event numbered <paramref name="n"/> and answers with the number.</summary>
    private sealed class RaisingCommand(int n, string? deviceId = null, string? requestId = null) : WriteCommand("test", deviceId, requestId)
    {
        public override object? Apply(WriteContext context)
        {
            context.Raise(new TestEvent(context.Now, n));
            return n;
        }

        public override object ReadLoggedReply(string json) => int.Parse(json, System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record TestEvent(DateTimeOffset Ts, int N) : HallEvent(Ts);

    private sealed class CountingListener : IHallEventHandler
    {
        public List<int> Seen { get; } = [];

        public ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
        {
            Seen.Add(((TestEvent)hallEvent).N);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FlakyListener(int failFirst, int alwaysFail) : IHallEventHandler
    {
        private bool _failedOnce;

        public List<int> Seen { get; } = [];

        public ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
        {
            var n = ((TestEvent)hallEvent).N;
            if (n == alwaysFail || (n == failFirst && !_failedOnce))
            {
                _failedOnce |= n == failFirst;
                throw new InvalidOperationException($"listener cannot take event {n}");
            }

            Seen.Add(n);
            return ValueTask.CompletedTask;
        }
    }
}
