namespace Hall.SiteInspection.Analysis;

/// <summary>
/// Receives every watermark strip of the analysis pass while ffmpeg is still decoding (RGB24, rows packed, the
/// video's width × the strip's height), in time order per position. Called on a task of its own that follows the strip
/// file as ffmpeg writes it, so a slow handler (OCR) never holds up decoding: it only finishes later. The span is
/// reused for the next strip.
/// </summary>
public delegate void StripHandler(StripPosition position, TimeSpan time, ReadOnlySpan<byte> rgb, int width, int height);
