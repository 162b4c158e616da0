namespace Hall.SiteInspection;

/// <summary>The start of an upload from the applicant's page: the file, and where each inspection point is (seconds).</summary>
public sealed record NewUpload(string? FileName, string? ContentType, long Size, IReadOnlyDictionary<string, double>? Marks, string? RectificationOf = null, string? Sha256 = null);
