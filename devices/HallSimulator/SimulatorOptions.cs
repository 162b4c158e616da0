namespace Hall.Devices.HallSimulator;

/// <summary>Where the simulated hall connects and how its people behave.</summary>
public sealed class SimulatorOptions
{
    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    /// <summary>The box's certificate fingerprint: set, the devices connect over TLS and refuse any other certificate.</summary>
    public string? BoxCertificateSha256 { get; set; }

    public string HallId { get; set; } = "demo";

    /// <summary>How much faster than real time the hall runs: 1 for the demo, 60 makes a minute pass in a second.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Seed of the one <see cref="Random"/> the run draws from; the same seed gives the same arrivals.</summary>
    public int Seed { get; set; } = 20250303;

    /// <summary>The session's arrival rate; null means <see cref="ArrivalProfile.MorningPeak"/>.</summary>
    public ArrivalProfile? Arrivals { get; set; }

    /// <summary>Category mix and service times; null means <see cref="CategoryProfile.Defaults"/>.</summary>
    public IReadOnlyList<CategoryProfile>? Categories { get; set; }

    /// <summary>Start the session again when it ends (the demo runs all day); otherwise serve everyone and stop.</summary>
    public bool Repeat { get; set; } = true;

    /// <summary>Chance that a called person never comes: the caller recalls once, then skips (过号).</summary>
    public double NoShowProbability { get; set; } = 0.03;

    /// <summary>Chance that a person who does come is recalled once first (did not hear the call).</summary>
    public double RecallProbability { get; set; } = 0.05;

    /// <summary>Hall time between a recall and the person arriving or being skipped.</summary>
    public TimeSpan RecallWait { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Hall time a caller takes between finishing one person and calling the next.</summary>
    public TimeSpan CallerPause { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Hall time a caller waits before asking again when nobody is waiting.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Real time to wait for one answer from the box.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When not repeating: the longest hall time to keep serving after the last arrival.</summary>
    public TimeSpan DrainLimit { get; set; } = TimeSpan.FromHours(3);

    public string Firmware { get; set; } = "sim-1";

    /// <summary>Throws with a message a person can act on when a setting cannot work.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BrokerHost))
        {
            problems.Add("BrokerHost is empty.");
        }

        if (BrokerPort is < 1 or > 65535)
        {
            problems.Add($"BrokerPort {BrokerPort} is not a TCP port.");
        }

        if (string.IsNullOrWhiteSpace(HallId) || HallId.Contains('/', StringComparison.Ordinal) || HallId.Contains('+', StringComparison.Ordinal) || HallId.Contains('#', StringComparison.Ordinal))
        {
            problems.Add($"HallId '{HallId}' must be a non-empty topic level (no '/', '+', '#').");
        }

        if (!(TimeScale > 0) || TimeScale > 10_000)
        {
            problems.Add($"TimeScale {TimeScale} must be above 0 and at most 10000.");
        }

        if (NoShowProbability is < 0 or > 1 || RecallProbability is < 0 or > 1 || double.IsNaN(NoShowProbability) || double.IsNaN(RecallProbability))
        {
            problems.Add("NoShowProbability and RecallProbability must be between 0 and 1.");
        }

        foreach (var (name, value) in new[] { ("RecallWait", RecallWait), ("CallerPause", CallerPause), ("DrainLimit", DrainLimit) })
        {
            if (value < TimeSpan.Zero)
            {
                problems.Add($"{name} must not be negative.");
            }
        }

        if (PollInterval <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("PollInterval and RequestTimeout must be above zero.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Hall simulator settings: " + string.Join(" ", problems));
        }
    }
}
