namespace Hall.Benchmarks;

/// <summary>What a measuring window of one phase saw: CPU seconds of the processes measured, and its length.</summary>
/// <param name="Own">CPU seconds of the measured process itself (the box; the benchmark's own reading side).</param>
/// <param name="Children">CPU seconds of its child processes (the ffmpegs), restarted ones included.</param>
/// <param name="MachineBusy">CPU seconds the whole machine was busy (from /proc/stat), whoever used them.</param>
/// <param name="Elapsed">Wall-clock length of the window.</param>
internal sealed record CpuWindow(double Own, double Children, double MachineBusy, TimeSpan Elapsed)
{
    public double Total => Own + Children;

    /// <summary>CPU seconds used by anything else on the machine (other programs, the kernel) during the window.</summary>
    public double Others => Math.Max(0, MachineBusy - Total);

    public static CpuWindow Between(TreeCpu start, TreeCpu end, double machineBusy, TimeSpan elapsed) =>
        new(end.Own - start.Own, end.Children - start.Children, machineBusy, elapsed);

    /// <summary>CPU per camera as a percentage of one core.</summary>
    public static double PerCameraPercent(double cpuSeconds, int cameras, TimeSpan elapsed) =>
        cameras <= 0 || elapsed <= TimeSpan.Zero ? double.NaN : 100 * cpuSeconds / elapsed.TotalSeconds / cameras;

    /// <summary>Share of the whole machine (all logical CPUs), in percent.</summary>
    public static double MachinePercent(double cpuSeconds, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? double.NaN : 100 * cpuSeconds / elapsed.TotalSeconds / Environment.ProcessorCount;
}
