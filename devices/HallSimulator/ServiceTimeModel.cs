namespace Hall.Devices.HallSimulator;

/// <summary>
/// How long a person stays at the counter: log-normal per category, with the category's mean
/// (μ = ln(mean) − σ²/2), cut to [20 s, 8 × mean] so that one draw cannot stall a run.
/// </summary>
public sealed class ServiceTimeModel
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(20);
    private readonly Dictionary<string, CategoryProfile> _categories;

    public ServiceTimeModel(IReadOnlyList<CategoryProfile> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        foreach (var c in categories)
        {
            if (c.MeanServiceTime <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Category {c.Category}: mean service time must be above zero.", nameof(categories));
            }

            if (!(c.Spread >= 0) || c.Spread > 3)
            {
                throw new ArgumentException($"Category {c.Category}: spread (σ of the log) must be between 0 and 3.", nameof(categories));
            }
        }

        _categories = categories.ToDictionary(c => c.Category, StringComparer.Ordinal);
    }

    public TimeSpan Sample(string category, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!_categories.TryGetValue(category, out var profile))
        {
            throw new ArgumentException($"Unknown category '{category}'.", nameof(category));
        }

        var sigma = profile.Spread;
        var mu = Math.Log(profile.MeanServiceTime.TotalSeconds) - (sigma * sigma / 2);

        // Box–Muller; 1 - U is in (0, 1], so the log is finite.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        var seconds = Math.Exp(mu + (sigma * z));
        var longest = profile.MeanServiceTime.TotalSeconds * 8;
        return TimeSpan.FromSeconds(Math.Clamp(seconds, Math.Min(Shortest.TotalSeconds, longest), longest));
    }
}
