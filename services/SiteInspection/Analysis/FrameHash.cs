namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The difference hash of one frame of the pass's hash track (<see cref="AnalysisOptions.AnalysisRate"/> per second).
/// Flat frames (black, white, a bare wall) hash to noise and take no part in the repeat and splice checks. Hashes may
/// go upward (design principle 8), e.g. to find the same footage uploaded for two applications.
/// </summary>
public readonly record struct FrameHash(TimeSpan Time, ulong Hash, bool Flat);
