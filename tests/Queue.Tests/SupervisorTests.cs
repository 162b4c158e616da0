using Hall.Contract.Events;
using Hall.Queue.Supervision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hall.Queue.Tests;

public sealed class SupervisorTests
{
    [Fact]
    public async Task A_long_wait_raises_one_alert_and_clears_it_when_the_ticket_is_called()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o =>
        {
            o.LongestWait = TimeSpan.FromMinutes(30);
            o.IdleCounterAfter = TimeSpan.FromHours(10);
        });
        await queue.TakeAsync("A");

        fx.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty(await queue.SuperviseAsync());
        fx.Time.Advance(TimeSpan.FromMinutes(2));
        var active = await queue.SuperviseAsync();
        fx.Time.Advance(TimeSpan.FromMinutes(1));
        await queue.SuperviseAsync();
        await queue.CounterAsync("1", "next").OkAsync();
        var after = await queue.SuperviseAsync();

        var alert = Assert.Single(active);
        Assert.Equal("long-wait", alert.Type);
        Assert.Equal("A001", alert.TicketNo);
        Assert.Empty(after);
        await fx.SettledAsync();
        var published = fx.Publisher.Of<AlertMessage>(Topics.Alert("h1"));
        Assert.Equal(2, published.Count);
        Assert.True(published[0].Active);
        Assert.False(published[1].Active);
        Assert.Equal("long-wait", published[1].Type);
        Assert.Equal(2, fx.Handler.Events.OfType<AlertRaised>().Count());
        Assert.Equal(2, fx.Scalar("SELECT count(*) FROM outbox WHERE type = 'AlertRaised'"));
    }

    [Fact]
    public void The_checker_sees_long_service_and_an_idle_counter()
    {
        var engine = Engines.Create(new QueueOptions(), ("1", ["A"], null), ("2", ["A"], null));
        var start = QueueFixture.Morning;
        engine.Issue(start, "A", null, null, null);
        engine.Issue(start, "A", null, null, null);
        engine.Next(start, "1");
        var limits = new SupervisorLimits(TimeSpan.FromHours(1), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5));

        var early = SupervisorChecker.Check(engine.Waiting, engine.Counters, start.AddMinutes(4), limits);
        var late = SupervisorChecker.Check(engine.Waiting, engine.Counters, start.AddMinutes(21), limits);

        Assert.Empty(early);
        Assert.Equal(["long-service", "idle-counter"], late.Select(c => c.Alert.Type).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("1", late.Single(c => c.Alert.Type == "long-service").Alert.Counter);
        Assert.Equal("2", late.Single(c => c.Alert.Type == "idle-counter").Alert.Counter);
    }

    [Fact]
    public async Task The_background_supervisor_ticks_on_the_injected_clock()
    {
        await using var fx = new QueueFixture();
        var queue = await fx.CreateServiceAsync(o => o.LongestWait = TimeSpan.FromMinutes(1));
        await queue.TakeAsync("B");
        var options = Options.Create(new QueueOptions { SupervisorInterval = TimeSpan.FromSeconds(30) });
        using var supervisor = new QueueSupervisor(queue, fx.Time, options, NullLogger<QueueSupervisor>.Instance);
        var alerted = fx.Handler.WhenAsync(e => e is AlertRaised);

        // Started off the test's synchronization context, as the host does.
        await Task.Run(() => supervisor.StartAsync(CancellationToken.None));
        fx.Time.Advance(TimeSpan.FromMinutes(2)); // the timer, armed at start, fires on the fake clock
        var raised = (AlertRaised)await alerted.WaitAsync(TimeSpan.FromSeconds(20)); // bounds a broken test only
        await supervisor.StopAsync(CancellationToken.None);

        Assert.Equal("long-wait", raised.Alert.Type);
        Assert.Equal("B", raised.Alert.Category);
        Assert.False(supervisor.ExecuteTask!.IsFaulted);
    }
}
