namespace Hall.Contract.Downlink;

/// <summary>The 云踏勘 rules of one item: the shape of the box's <c>InspectionRule</c>.</summary>
public sealed record ConfigInspectionRule(
    string ItemCode,
    string ItemName,
    string Department,
    string LegalBasis,
    int StatutoryDays,
    int MinimumSeconds,
    IReadOnlyList<ConfigCheckpoint> Checkpoints,
    IReadOnlyList<string> Cautions);
