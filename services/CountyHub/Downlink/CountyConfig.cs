using Hall.Contract.Downlink;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// One version of the county's configuration as the hub stores it (<c>config_versions.config</c>): what every hall
/// gets, and what differs per hall (keyed by box id). <see cref="BundleFor"/> folds it into the bundle one box receives.
/// </summary>
public sealed record CountyConfig
{
    public ConfigCatalogue Catalogue { get; init; } = new([], [], []);

    public ConfigCalendar Calendar { get; init; } = new([]);

    /// <summary>The county's values of <see cref="CountySettingKeys"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Keys a hall may keep its own local value of (the county's value then only fills in where the hall set none).</summary>
    public IReadOnlyList<string> LocalAllowed { get; init; } = [];

    /// <summary>Per hall: setting values that replace the county's for that hall.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> HallSettings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Per hall: device ids revoked.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> HallRevocations { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Per hall: its village points (村级代办点).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ConfigVillagePoint>> HallVillagePoints { get; init; } =
        new Dictionary<string, IReadOnlyList<ConfigVillagePoint>>();

    public ConfigBundle BundleFor(string boxId, long version, DateTimeOffset issuedAt, string? note)
    {
        var settings = new Dictionary<string, string>(Settings, StringComparer.Ordinal);
        if (HallSettings.TryGetValue(boxId, out var own))
        {
            foreach (var (key, value) in own)
            {
                settings[key] = value;
            }
        }

        return new ConfigBundle(ConfigBundle.FormatVersion, version, boxId, issuedAt, note)
        {
            Catalogue = Catalogue,
            Calendar = Calendar,
            Settings = new ConfigSettings(settings, LocalAllowed),
            RevokedDevices = HallRevocations.TryGetValue(boxId, out var revoked) ? revoked : [],
            VillagePoints = HallVillagePoints.TryGetValue(boxId, out var points) ? points : [],
        };
    }

    /// <summary>Every problem of this configuration: the county's, then what only a hall's own part adds (named by hall).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = ConfigBundleValidator.Validate(BundleFor("*", 1, DateTimeOffset.UnixEpoch, null)).ToList();
        var county = problems.ToHashSet(StringComparer.Ordinal);
        foreach (var hall in HallSettings.Keys.Concat(HallRevocations.Keys).Concat(HallVillagePoints.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            problems.AddRange(ConfigBundleValidator.Validate(BundleFor(hall, 1, DateTimeOffset.UnixEpoch, null))
                .Where(p => !county.Contains(p))
                .Select(p => $"{hall}:{p}"));
        }

        return problems;
    }
}
