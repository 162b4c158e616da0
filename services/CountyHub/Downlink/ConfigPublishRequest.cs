namespace Hall.CountyHub.Downlink;

/// <summary>What the 下发配置 page sends to publish: the version it edited, the county admin's note and the whole configuration.</summary>
public sealed record ConfigPublishRequest(long BasedOn, string? Note, CountyConfig? Config);
