namespace Hall.CountyHub.Web;

/// <summary>/healthz: whether the database answers, which engine, and every box.</summary>
public sealed record HealthReport(bool Ok, string Database, IReadOnlyList<BoxHealth> Boxes, string? Error = null);
