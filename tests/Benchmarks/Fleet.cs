using Hall.DeviceRegistry;

namespace Hall.Benchmarks;

/// <summary>The simulated devices of one run: callers bound to counters 1–4, many kiosks and displays.</summary>
public sealed record Fleet(IReadOnlyList<DeviceCredentials> Kiosks, IReadOnlyList<DeviceCredentials> Callers, IReadOnlyList<DeviceCredentials> Displays)
{
    public const int Counters = 4;

    public IEnumerable<DeviceCredentials> All => Kiosks.Concat(Callers).Concat(Displays);

    public int Count => Kiosks.Count + Callers.Count + Displays.Count;

    public static IEnumerable<(string DeviceId, Contract.DeviceRole Role, string? Counter)> Plan(int kiosks, int displays) =>
        Enumerable.Range(1, kiosks).Select(i => ($"kiosk-{i}", Contract.DeviceRole.Kiosk, (string?)null))
            .Concat(Enumerable.Range(1, Counters).Select(i => ($"caller-{i}", Contract.DeviceRole.Caller, (string?)i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Concat(Enumerable.Range(1, displays).Select(i => ($"display-{i}", Contract.DeviceRole.Display, (string?)null)));

    /// <summary>The same devices for a broker without accounts (Mosquitto with anonymous access).</summary>
    public static Fleet Anonymous(int kiosks, int displays)
    {
        var all = Plan(kiosks, displays).Select(d => new DeviceCredentials(d.DeviceId, d.Role.ToString().ToLowerInvariant(), d.Counter, d.DeviceId, "anonymous")).ToList();
        return new Fleet(all.Where(d => d.Role == "kiosk").ToList(), all.Where(d => d.Role == "caller").ToList(), all.Where(d => d.Role == "display").ToList());
    }
}
