namespace Hall.SiteInspection.Analysis;

/// <summary>A later stretch that shows the same footage as an earlier one.</summary>
internal readonly record struct RepeatMatch(TimeRange Later, TimeRange Earlier);
