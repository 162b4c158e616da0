namespace Hall.SiteInspection.Analysis;

/// <summary>What <see cref="FrameMeasures"/> found in one frame.</summary>
/// <param name="Sharpness">Variance of the Laplacian of the luma (0–255 scale); low means blurred.</param>
/// <param name="Hash">64-bit difference hash; compare with <see cref="FrameMeasures.HammingDistance"/>.</param>
/// <param name="MeanLuma">Average luma, 0–255.</param>
/// <param name="LumaDeviation">Standard deviation of the luma: near 0 for a flat picture (black, white, a bare wall).</param>
/// <param name="DarkShare">Share of pixels at or below the dark threshold, 0–1.</param>
/// <param name="BrightShare">Share of pixels at or above the bright threshold, 0–1.</param>
public readonly record struct FrameQuality(
    double Sharpness,
    ulong Hash,
    double MeanLuma,
    double LumaDeviation,
    double DarkShare,
    double BrightShare);
