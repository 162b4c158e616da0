using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hall.Evaluation.Tests;

/// <summary>The background supervisor, driven by the fake clock: windows time out and overdue cases alert without anyone asking.</summary>
public sealed class SupervisorTests
{
    [Fact]
    public async Task The_supervisor_closes_a_window_that_ran_out_and_alerts_an_overdue_case()
    {
        await using var hall = new EvaluationFixture();
        var options = new EvaluationOptions { WindowCheckInterval = TimeSpan.FromSeconds(5), OverdueCheckInterval = TimeSpan.FromMinutes(5) };
        var service = await hall.CreateServiceAsync(o =>
        {
            o.WindowCheckInterval = options.WindowCheckInterval;
            o.OverdueCheckInterval = options.OverdueCheckInterval;
        });
        await hall.FinishAsync(service, "A012", "3");
        await hall.FinishAsync(service, "A013", "3");
        await service.RateByQrAsync("A013", new RatingRequest { Level = 1, Reasons = ["attitude"] }, default);

        using var supervisor = new EvaluationSupervisor(service, hall.Time, Options.Create(options), NullLogger<EvaluationSupervisor>.Instance);
        await supervisor.StartAsync(CancellationToken.None);
        try
        {
            await hall.SettledAsync();
            var dark = hall.Publisher.WhenAsync(p => p is EvaluateMessage { Active: false, TicketNo: "A012" });
            hall.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5));
            await dark.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(1, hall.Scalar("SELECT count(*) FROM evaluation_windows WHERE ticket_no = 'A012' AND state = 'timed-out'"));

            await hall.SettledAsync();
            var overdue = hall.Publisher.WhenAsync(p => p is AlertMessage { Type: "bad-review" } alert && alert.Message.Contains("回访已超期", StringComparison.Ordinal));
            hall.Time.SetUtcNow(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)));
            hall.Time.Advance(TimeSpan.FromMinutes(5));
            await overdue.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await supervisor.StopAsync(CancellationToken.None);
        }
    }
}
