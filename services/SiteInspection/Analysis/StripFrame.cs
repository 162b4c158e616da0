namespace Hall.SiteInspection.Analysis;

/// <summary>One watermark strip in a <see cref="WatermarkStrips"/> file: its time in the video and its byte offset.</summary>
public readonly record struct StripFrame(TimeSpan Time, long Offset);
