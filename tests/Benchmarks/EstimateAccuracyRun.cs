using Hall.Devices.HallSimulator;
using Hall.Queue.Estimation;
using Hall.Queue;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Benchmarks;

/// <summary>
/// Wait-estimate accuracy through morning peaks, without MQTT: <see cref="QueueReplay"/> plays each morning
/// out while a FakeTimeProvider follows it, and at every ticket the Queue service's pure
/// <see cref="WaitEstimator"/> is asked, beside the plain estimate (people ahead × mean service ÷ open counters).
/// </summary>
internal static class EstimateAccuracyRun
{
    public const string Estimator = "WaitEstimator.Estimate";
    public const string Plain = "plain";

    public static EstimateAccuracyResult Run(int mornings, int seed)
    {
        var template = ReplayOptions.MorningPeak();
        var clock = new FakeTimeProvider(new DateTimeOffset(template.Day.ToDateTime(TimeOnly.MinValue), template.UtcOffset));
        WaitEstimateRequest Request(WaitSituation s)
        {
            var now = clock.GetUtcNow();
            return new WaitEstimateRequest(
                s.Category,
                Priority: false,
                s.Waiting.Select(w => new WaitingTicketInfo(w.Category, false)).ToList(),
                s.Counters.Select(c => new CounterLoad(
                    c.Id,
                    c.Categories,
                    c.Open,
                    c.CurrentCategory is { } current && c.ServingSince is { } since ? Max(s.MeanServiceTime(current) - (now - since)) : TimeSpan.Zero)).ToList(),
                s.MeanServiceTimes,
                s.DefaultServiceTime);
        }

        WaitEstimateModel[] models =
        [
            new(Estimator, s => WaitEstimator.Estimate(Request(s)).Minutes),
            new(Plain, s =>
            {
                var ahead = s.Waiting.Count(w => w.Category == s.Category);
                var open = s.Counters.Count(c => c.Open && c.Categories.Contains(s.Category));
                return (int)Math.Ceiling(WaitEstimator.PlainEstimate(ahead, s.MeanServiceTime(s.Category), open).TotalMinutes);
            }),
        ];

        var random = new Random(seed);
        var pairs = models.ToDictionary(m => m.Name, _ => new List<(double, double)>(), StringComparer.Ordinal);
        var people = 0;
        var mostWaiting = 0;
        for (var m = 0; m < mornings; m++)
        {
            var options = template with { Day = template.Day.AddDays(m) };
            var result = QueueReplay.Run(options, random, models, clock.SetUtcNow);
            people += result.People.Count;
            mostWaiting = Math.Max(mostWaiting, result.MostWaiting);
            foreach (var person in result.People.Where(p => p.Waited is not null))
            {
                foreach (var model in models)
                {
                    pairs[model.Name].Add((person.Estimates[model.Name], person.Waited!.Value.TotalMinutes));
                }
            }
        }

        return new EstimateAccuracyResult(
            mornings,
            people,
            mostWaiting,
            EstimateAccuracy.From(pairs[Estimator]),
            EstimateAccuracy.From(pairs[Plain]));
    }

    private static TimeSpan Max(TimeSpan left) => left > TimeSpan.Zero ? left : TimeSpan.Zero;
}
