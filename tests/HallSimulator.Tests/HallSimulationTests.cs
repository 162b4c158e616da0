using System.Text;
using Hall.DeviceRegistry;
using Xunit;

namespace Hall.Devices.HallSimulator.Tests;

/// <summary>The simulator's MQTT side against a real broker with a stand-in queue, hall time sped up 3600×.</summary>
public class HallSimulationTests
{
    private static DeviceCredentials Device(string id, string role, string? counter = null) => new(id, role, counter, id, "secret");

    private static SimulatorOptions Options(int port) => new()
    {
        BrokerPort = port,
        HallId = "test",
        TimeScale = 3600,
        Seed = 7,
        Repeat = false,
        NoShowProbability = 0.2,
        RecallProbability = 0.2,
        Arrivals = new ArrivalProfile([new(new TimeOnly(9, 0), 60), new(new TimeOnly(9, 30), 60)]),
        Categories = [new CategoryProfile("A", "公民类", 0.7, TimeSpan.FromMinutes(2)), new CategoryProfile("B", "法人类", 0.3, TimeSpan.FromMinutes(3))],
        RequestTimeout = TimeSpan.FromSeconds(5),
        DrainLimit = TimeSpan.FromHours(4),
    };

    [Fact]
    public async Task Everyone_who_arrives_gets_a_ticket_is_called_and_leaves_and_the_displays_see_the_calls()
    {
        await using var hall = await StandInHall.StartAsync("test");
        var simulation = new HallSimulation(TimeProvider.System);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        // 600× rather than 3600×: on a busy 2-core CI machine a 50 ms stall must not be most of a service.
        var options = Options(hall.Port);
        options.TimeScale = 600;

        // The drain ends as soon as everyone is served; its bound (8 simulated hours, 48 s here) only keeps a starved
        // machine from cutting the last service short, well inside the 90 s limit.
        options.DrainLimit = TimeSpan.FromHours(8);
        var report = await simulation.RunAsync(
            options,
            [Device("kiosk-1", "kiosk"), Device("kiosk-2", "kiosk")],
            [Device("caller-1", "caller", "1"), Device("caller-2", "caller", "2")],
            [Device("display-1", "display"), Device("display-2", "display")],
            limit.Token);

        Assert.False(limit.IsCancellationRequested, "the run ended by itself once everyone was served");
        Assert.True(report.People > 5, $"people: {report.People}");
        Assert.Equal(report.People, report.TicketsIssued);
        Assert.Equal(hall.TicketsIssued, report.TicketsIssued);
        Assert.Equal(report.TicketsIssued, report.Called);
        Assert.Equal(report.Called, report.Finished + report.Skipped);
        Assert.True(report.Skipped > 0, "some people did not come");
        Assert.Equal(2 * (report.Called + report.Recalls), report.CallsSeenByDisplays);
        Assert.Equal(report.Called, report.Accuracy.Compared);
        Assert.All(report.Journeys, p => Assert.True(p.Waited >= TimeSpan.Zero));
        Assert.DoesNotContain(report.Errors.Keys, k => k.EndsWith(":timeout", StringComparison.Ordinal) || k.Contains(":failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_device_leaves_a_retained_offline_status()
    {
        await using var hall = await StandInHall.StartAsync("test");
        var simulation = new HallSimulation(TimeProvider.System);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await simulation.RunAsync(Options(hall.Port), [Device("kiosk-1", "kiosk")], [Device("caller-1", "caller", "1")], [Device("display-1", "display")], limit.Token);

        var retained = await hall.RetainedAsync();
        foreach (var id in new[] { "kiosk-1", "caller-1", "display-1" })
        {
            var status = Encoding.UTF8.GetString(retained[$"hall/test/device/{id}/status"]);
            Assert.Contains("\"online\":false", status, StringComparison.Ordinal);
            Assert.Contains("\"firmware\":\"sim-1\"", status, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stopping_from_outside_ends_the_run_with_a_report()
    {
        await using var hall = await StandInHall.StartAsync("test");
        var simulation = new HallSimulation(TimeProvider.System);
        var options = Options(hall.Port);
        options.Repeat = true;
        options.TimeScale = 60;
        using var stop = new CancellationTokenSource();

        var run = simulation.RunAsync(options, [Device("kiosk-1", "kiosk")], [Device("caller-1", "caller", "1")], [Device("display-1", "display")], stop.Token);
        for (var i = 0; i < 200 && simulation.Journeys.Count == 0; i++)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        var report = await run;

        Assert.True(report.People >= 1);
    }

    [Fact]
    public async Task A_caller_without_a_counter_is_refused_before_anything_connects()
    {
        var simulation = new HallSimulation(TimeProvider.System);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => simulation.RunAsync(new SimulatorOptions(), [Device("kiosk-1", "kiosk")], [Device("caller-1", "caller")], [], CancellationToken.None));

        Assert.Contains("caller-1", error.Message, StringComparison.Ordinal);
    }
}
