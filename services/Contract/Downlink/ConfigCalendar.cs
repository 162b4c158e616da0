namespace Hall.Contract.Downlink;

/// <summary>The holiday calendar: only the days that differ from an ordinary week (Monday–Friday working).</summary>
public sealed record ConfigCalendar(IReadOnlyList<ConfigCalendarDay> Days);
