namespace Hall.Contract.Downlink;

/// <summary>Where an item is decided.</summary>
public static class ConfigDecidedAt
{
    public const string Township = "township";
    public const string County = "county";
}
