using System.ComponentModel.DataAnnotations;

namespace Hall.FirmwareHost.Demo;

/// <summary>The simulated hall that runs inside the box when Box:Demo is true (section "Demo").</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>How much faster than real time the simulated morning runs; 20 makes a 3-hour morning last 9 minutes.</summary>
    [Range(0.1, 10000)]
    public double TimeScale { get; set; } = 20;

    [Range(1, 50)]
    public int Kiosks { get; set; } = 2;

    [Range(0, 50)]
    public int Displays { get; set; } = 2;

    /// <summary>Seed of the arrivals, so a demo can be repeated exactly.</summary>
    public int Seed { get; set; } = 20261123;
}
