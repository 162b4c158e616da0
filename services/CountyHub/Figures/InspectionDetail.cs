using System.Text.Json;

namespace Hall.CountyHub.Figures;

/// <summary>One verdict with its evidence pack as the box signed it (checks, reasons, key frames), and the hub's verification.</summary>
public sealed record InspectionDetail(InspectionRow Verdict, JsonElement? Pack, string? KeyId, string? Algorithm, bool PackVerified);
