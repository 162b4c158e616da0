namespace Hall.Benchmarks;

/// <summary>What one load phase measured.</summary>
public sealed record LoadResult(string Label, int Sent, int Answered, int Refused, int Lost, Stats Latency, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Codes)
{
    /// <summary>Answers (results and refusals) per second over the phase.</summary>
    public double Throughput => Elapsed > TimeSpan.Zero ? (Answered + Refused) / Elapsed.TotalSeconds : 0;

    public double P50 => Latency.Percentile(50);

    public double P99 => Latency.Percentile(99);
}
