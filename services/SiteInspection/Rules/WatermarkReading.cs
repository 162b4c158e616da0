namespace Hall.SiteInspection.Rules;

/// <summary>The watermark text OCR read at one moment of the video (one line per text line, top to bottom).</summary>
public sealed record WatermarkReading(TimeSpan VideoTime, IReadOnlyList<string> Lines);
