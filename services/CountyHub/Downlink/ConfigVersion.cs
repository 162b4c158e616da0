namespace Hall.CountyHub.Downlink;

/// <summary>One published version of the county configuration.</summary>
public sealed record ConfigVersion(long Version, DateTimeOffset PublishedAt, string? PublishedBy, string? Note, CountyConfig Config);
