using Hall.SiteInspection.Analysis;
using Hall.SiteInspection.Ocr;
using Hall.SiteInspection.Rules;

namespace Hall.SiteInspection;

/// <summary>
/// The watermark of one check: a <see cref="WatermarkReader"/> per strip position (the bottom, and the top when asked
/// for), their readings merged by video time, and how much OCR it took. Fed by the analysis pass's strip task.
/// </summary>
internal sealed class WatermarkReadings(PaddleOcr ocr, double minConfidence, TimeProvider time)
{
    private readonly Dictionary<StripPosition, WatermarkReader> _readers = [];
    private readonly SortedDictionary<TimeSpan, List<string>> _lines = [];

    public TimeSpan OcrTime { get; private set; }

    public int WholeReads => _readers.Values.Sum(r => r.WholeReads);

    public int ClockReads => _readers.Values.Sum(r => r.ClockReads);

    public void Read(StripPosition position, TimeSpan at, ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (!_readers.TryGetValue(position, out var reader))
            _readers[position] = reader = new WatermarkReader(ocr, minConfidence);
        var started = time.GetTimestamp();
        var reading = reader.Read(at, rgb, width, height);
        OcrTime += time.GetElapsedTime(started);
        if (reading is null)
            return;
        if (!_lines.TryGetValue(at, out var lines))
            _lines[at] = lines = [];
        lines.AddRange(reading.Lines);
    }

    /// <summary>One reading per second that was read, in time order, the positions' lines together.</summary>
    public List<WatermarkReading> Readings() => _lines.Select(l => new WatermarkReading(l.Key, l.Value)).ToList();
}
