using Hall.Queue.Domain;

namespace Hall.Queue.Tests;

/// <summary>Builds a bare engine (no store) with categories A and B and the given counters, all open.</summary>
public static class Engines
{
    public static readonly HallClock Shanghai = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    public static QueueEngine Create(QueueOptions options, params (string Id, string[] Categories, string? Rule)[] counters)
    {
        var engine = new QueueEngine(options, Shanghai, Shanghai.Day(QueueFixture.Morning));
        engine.Load(new Category { Prefix = "A", Name = "公民类", Order = 0 });
        engine.Load(new Category { Prefix = "B", Name = "法人类", Order = 1 });
        var order = 0;
        foreach (var (id, categories, rule) in counters)
        {
            engine.Load(new Counter
            {
                Id = id,
                Name = id + "号窗口",
                Categories = categories,
                Interleave = InterleaveRule.TryParse(rule, out var parsed) ? parsed : null,
                Status = CounterStatus.Open,
                Since = QueueFixture.Morning,
                Order = order++,
            });
        }

        return engine;
    }
}
