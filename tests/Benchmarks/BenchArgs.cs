using System.Globalization;

namespace Hall.Benchmarks;

/// <summary>Command line of the benchmark run.</summary>
public sealed record BenchArgs
{
    /// <summary>"hall" (the default: tickets, calls, broker, estimate), "cameras" (counter-camera CPU) or "inspection" (云踏勘 check time).</summary>
    public string Scenario { get; init; } = HallScenario;

    public const string HallScenario = "hall";

    public const string CamerasScenario = "cameras";

    /// <summary>云踏勘: a 5-minute 720p inspection video checked by the box beside ffmpeg -f null.</summary>
    public const string InspectionScenario = "inspection";

    /// <summary>The uplink: bytes per event, catch-up through 1 Mbit/s, hub ingest beside raw inserts, 200 boxes at once.</summary>
    public const string UplinkScenario = "uplink";

    /// <summary>A county's year in the hub: figure questions beside hand-written SQL, on SQLite and PostgreSQL.</summary>
    public const string HubScenario = "hub";

    /// <summary>Hub scenario: halls, working days, and tickets per hall day (about 6 events each: 2,000 events a day).</summary>
    public int Halls { get; init; } = 20;

    public int Days { get; init; } = 250;

    public int TicketsPerDay { get; init; } = 337;

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

    /// <summary>Cameras scenario: counter cameras at once; 48, or 8 with --quick.</summary>
    public int Cameras { get; init; } = 48;

    /// <summary>Cameras scenario: the measuring window of each phase; 60 s, or 15 s with --quick.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Cameras and inspection scenarios: the models; found as .models upwards from here when not given.</summary>
    public string? Models { get; init; }

    /// <summary>Cameras scenario: when the cameras do not fit, look for the largest number that does (full mode only).</summary>
    public bool FindFit { get; init; } = true;

    public static BenchArgs Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var result = quick
            ? new BenchArgs { Quick = true, Phase = TimeSpan.FromSeconds(2), Mornings = 20, CallRounds = 5, Cameras = 8, Window = TimeSpan.FromSeconds(15), FindFit = false }
            : new BenchArgs();
        var first = 0;
        if (args.Length > 0 && args[0] is HallScenario or CamerasScenario or InspectionScenario or UplinkScenario or HubScenario)
        {
            result = result with { Scenario = args[0] };
            first = 1;
        }

        for (var i = first; i < args.Length; i++)
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
                "--cameras" => result with { Cameras = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--window" => result with { Window = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--models" => result with { Models = Value() },
                "--no-fit" => result with { FindFit = false },
                "--halls" => result with { Halls = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--days" => result with { Days = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--tickets" => result with { TicketsPerDay = int.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Use: [hall|cameras|inspection|uplink|hub] [--quick] [--out FILE] [--box Hall.FirmwareHost.dll] [--mosquitto PATH] [--rate N] [--seconds N] [--kiosks N] [--displays N] [--mornings N] [--seed N]; cameras: [--cameras N] [--window N] [--models DIR] [--no-fit]; hub: [--halls N] [--days N] [--tickets N]"),
            };
        }

        if (result.Rate is <= 0 or > 100_000 || result.Phase <= TimeSpan.Zero || result.Phase > TimeSpan.FromMinutes(10)
            || result.Kiosks < 1 || result.Displays < 1 || result.Kiosks + result.Displays + 4 > 2000 || result.Mornings is < 1 or > 10_000)
        {
            throw new ArgumentException("Out of range: rate 1–100000/s, seconds up to 600, at least one kiosk and one display, at most 2000 devices, 1–10000 mornings.");
        }

        if (result.Halls is < 1 or > 500 || result.Days is < 1 or > 250 || result.TicketsPerDay is < 1 or > 999)
        {
            throw new ArgumentException("Out of range: halls 1–500, days 1–250, tickets 1–999 a day.");
        }

        if (result.Cameras is < 1 or > 256 || result.Window < TimeSpan.FromSeconds(5) || result.Window > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("Out of range: cameras 1–256, window 5–600 s.");
        }

        return result;
    }
}
