namespace Hall.Contract.Downlink;

/// <summary>
/// One version of the county's configuration as one box receives it: the county's catalogue, calendar and settings,
/// with this hall's own setting overrides, the device revocations and its village points already folded in. The box
/// applies it whole or not at all (docs/sync.md, "The downlink").
/// </summary>
/// <param name="V">Bundle format, 1.</param>
/// <param name="Version">The county configuration version; only grows.</param>
/// <param name="BoxId">The box it was made for (also inside the signature).</param>
/// <param name="IssuedAt">When the county published the version.</param>
/// <param name="Note">What the county admin wrote about the change (shown on the console).</param>
public sealed record ConfigBundle(int V, long Version, string BoxId, DateTimeOffset IssuedAt, string? Note)
{
    public const int FormatVersion = 1;

    public ConfigCatalogue Catalogue { get; init; } = new([], [], []);

    public ConfigCalendar Calendar { get; init; } = new([]);

    public ConfigSettings Settings { get; init; } = new(new Dictionary<string, string>(), []);

    /// <summary>Device ids the hall must refuse from now on (a stolen kiosk, a replaced evaluator).</summary>
    public IReadOnlyList<string> RevokedDevices { get; init; } = [];

    /// <summary>The hall's village points (村级代办点): filled by the hub's village part.</summary>
    public IReadOnlyList<ConfigVillagePoint> VillagePoints { get; init; } = [];
}
