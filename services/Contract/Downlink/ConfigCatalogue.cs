namespace Hall.Contract.Downlink;

/// <summary>The catalogue: categories (ticket prefixes), service items (事项) and the 云踏勘 rules of items that have them.</summary>
public sealed record ConfigCatalogue(
    IReadOnlyList<ConfigCategory> Categories,
    IReadOnlyList<ConfigServiceItem> Items,
    IReadOnlyList<ConfigInspectionRule> InspectionRules);
