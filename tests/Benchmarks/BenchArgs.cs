using System.Globalization;

namespace Hall.Benchmarks;

/// <summary>Command line of the benchmark run.</summary>
public sealed record BenchArgs
{
    public bool Quick { get; init; }

    public string? Out { get; init; }

    /// <summary>Path of Hall.FirmwareHost.dll; found under firmware-host/bin/Release when not given.</summary>
    public string? Box { get; init; }

    public string Mosquitto { get; init; } = "mosquitto";

    /// <summary>Open-loop target rate, commands per second.</summary>
    public double Rate { get; init; } = 500;

    /// <summary>Length of each open- or closed-loop phase.</summary>
    public TimeSpan Phase { get; init; } = TimeSpan.FromSeconds(15);

    public int Kiosks { get; init; } = 156;

    public int Displays { get; init; } = 40;

    /// <summary>Mornings replayed for the estimate accuracy.</summary>
    public int Mornings { get; init; } = 200;

    public int CallRounds { get; init; } = 40;

    public int Seed { get; init; } = 20250303;

    public static BenchArgs Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var result = quick
            ? new BenchArgs { Quick = true, Phase = TimeSpan.FromSeconds(2), Mornings = 20, CallRounds = 5 }
            : new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            result = args[i] switch
            {
                "--quick" => result,
                "--out" => result with { Out = Value() },
                "--box" => result with { Box = Value() },
                "--mosquitto" => result with { Mosquitto = Value() },
                "--rate" => result with { Rate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seconds" => result with { Phase = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--kiosks" => result with { Kiosks = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--displays" => result with { Displays = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--mornings" => result with { Mornings = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => result with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Use: [--quick] [--out FILE] [--box Hall.FirmwareHost.dll] [--mosquitto PATH] [--rate N] [--seconds N] [--kiosks N] [--displays N] [--mornings N] [--seed N]"),
            };
        }

        if (result.Rate is <= 0 or > 100_000 || result.Phase <= TimeSpan.Zero || result.Phase > TimeSpan.FromMinutes(10)
            || result.Kiosks < 1 || result.Displays < 1 || result.Kiosks + result.Displays + 4 > 2000 || result.Mornings is < 1 or > 10_000)
        {
            throw new ArgumentException("Out of range: rate 1–100000/s, seconds up to 600, at least one kiosk and one display, at most 2000 devices, 1–10000 mornings.");
        }

        return result;
    }
}
