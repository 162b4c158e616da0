namespace Hall.SiteInspection;

/// <summary>What staff enter to open a 云踏勘 application. The window defaults to now and three days.</summary>
public sealed record NewApplication(string? ItemCode, string? Applicant, string? Address, DateTimeOffset? WindowFrom = null, DateTimeOffset? WindowTo = null, string? CaseNumber = null);
