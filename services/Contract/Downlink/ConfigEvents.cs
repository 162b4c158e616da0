namespace Hall.Contract.Downlink;

/// <summary>
/// The outbox events by which a box tells the hub (through the ordinary uplink) what it did with a configuration
/// version; written in the same transaction as the apply (or the refusal).
/// </summary>
public static class ConfigEvents
{
    public const string Applied = "config.applied";
    public const string Refused = "config.refused";
}
