using System.Globalization;

namespace Hall.SiteInspection;

/// <summary>
/// Where one check's time went, stage by stage, for the log line an operator reads when a check is slow (and the
/// benchmark's breakdown). Each mark closes the stage that ran since the one before.
/// </summary>
internal sealed class CheckTimings(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _last = time.GetTimestamp();
    private TimeSpan _probe;
    private TimeSpan _pass;
    private TimeSpan _ocr;
    private int _wholeReads;
    private int _clockReads;
    private TimeSpan _keyFrames;
    private TimeSpan _record;

    public void Probed() => _probe = Lap();

    /// <summary>The decoding pass is over, and with it the watermark's OCR, which ran alongside.</summary>
    public void Decoded(WatermarkReadings watermark)
    {
        _pass = Lap();
        _ocr = watermark.OcrTime;
        _wholeReads = watermark.WholeReads;
        _clockReads = watermark.ClockReads;
    }

    public void KeyFramesTaken() => _keyFrames = Lap();

    public void Recorded() => _record = Lap();

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"total {Seconds(time.GetElapsedTime(_started))}: probe {Seconds(_probe)}, decoding pass {Seconds(_pass)} (watermark OCR alongside it {Seconds(_ocr)}: {_wholeReads} whole reads, {_clockReads} clock reads), key frames {Seconds(_keyFrames)}, verdict and pack {Seconds(_record)}");

    private TimeSpan Lap()
    {
        var now = time.GetTimestamp();
        var lap = time.GetElapsedTime(_last, now);
        _last = now;
        return lap;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);
}
