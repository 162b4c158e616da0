using Hall.Tests.Shared;

namespace Hall.Uplink.IntegrationTests;

/// <summary>
/// Every event of the hall reaches the hub once, whatever the link does: a real box and a real hub, the fault proxy
/// between them cutting requests and answers mid-way and resetting connections, the hub restarted twice (once killed).
/// </summary>
public sealed class ExactlyOnceTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Twenty_thousand_events_through_twenty_cuts_and_two_hub_restarts_arrive_exactly_once(string engine)
    {
        await using var rig = await UplinkRig.StartHubAsync("cut-town", engine == "postgres" ? await postgres.CreateDatabaseAsync() : null);
        var seeded = SeedDays(rig, 20_000, new DateOnly(2026, 11, 20));
        await rig.StartBoxAsync("--Sync:MaxBatchEvents=400");

        var random = new Random(20261203);
        for (var cut = 1; cut <= 20; cut++)
        {
            var armed = (cut % 3) switch
            {
                0 => rig.Proxy.CutUpstreamAfter(random.Next(200, 40_000)),
                1 => rig.Proxy.CutDownstreamAfter(random.Next(50, 600)),
                _ => null,
            };
            if (armed is null)
            {
                await Task.Delay(random.Next(50, 300));
                rig.Proxy.CutAll();
            }
            else
            {
                // A cut that the traffic does not reach in time is taken back; the next one is armed.
                await Task.WhenAny(armed, Task.Delay(5000));
                rig.Proxy.Disarm();
            }

            if (cut is 7 or 14)
            {
                await rig.RestartHubAsync(kill: cut == 14);
            }
        }

        await rig.WaitUntilHubHasEverythingAsync(TimeSpan.FromMinutes(4));
        await AssertExactlyOnceAsync(rig, seeded);
        Assert.True(rig.Proxy.Cuts >= 10, $"the proxy cut {rig.Proxy.Cuts} connections");
    }

    internal static List<SeedEvent> SeedDays(UplinkRig rig, int count, DateOnly first)
    {
        var events = Enumerable.Range(0, 60)
            .SelectMany(d => HallDay.Generate(first.AddDays(d), Shanghai, new Random(d), 300))
            .Take(count)
            .ToList();
        HallDay.Seed(rig.Box.Database, events);
        return events;
    }

    /// <summary>The hub holds exactly the box's events (same keys, same types), and the seeded ratings sum the same.</summary>
    internal static async Task AssertExactlyOnceAsync(UplinkRig rig, IReadOnlyList<SeedEvent> seeded)
    {
        var box = rig.BoxEvents();
        var hub = await rig.HubEventsAsync();
        Assert.Equal(box.Count, hub.Count);
        Assert.Empty(box.Keys.Except(hub.Keys));
        Assert.All(box, e => Assert.Equal(e.Value, hub[e.Key]));

        var perType = hub.Values.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        foreach (var type in seeded.GroupBy(e => e.Type))
        {
            Assert.True(perType.GetValueOrDefault(type.Key) >= type.Count(), $"{type.Key}: the hub holds {perType.GetValueOrDefault(type.Key)}, {type.Count()} were recorded");
        }

        var levels = await rig.Hub.ScalarAsync($"SELECT coalesce(sum(level), 0) FROM ratings WHERE box_id = '{rig.Box.HallId}'");
        Assert.Equal(seeded.Sum(e => e.Level ?? 0), levels);
        var rated = await rig.Hub.ScalarAsync($"SELECT count(*) FROM ratings WHERE box_id = '{rig.Box.HallId}' AND level IS NOT NULL");
        Assert.Equal(seeded.Count(e => e.Level is not null), rated);
    }
}
