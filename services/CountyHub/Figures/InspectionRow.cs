using System.Text.Json;

namespace Hall.CountyHub.Figures;

/// <summary>
/// One 云踏勘 verdict: <see cref="Verified"/> is the hub's own check of the box's signature over the evidence pack
/// against the key the box was enrolled with. <see cref="FailedCheckpoints"/> is the pack's list as the box wrote it.
/// </summary>
public sealed record InspectionRow(
    string BoxId,
    string HallName,
    string InspectionId,
    string? ApplicationId,
    string? ItemCode,
    bool Passed,
    JsonElement? FailedCheckpoints,
    DateTimeOffset? CheckedAt,
    bool Verified,
    string HallDay);
