using Hall.SiteInspection.Rules;

namespace Hall.SiteInspection.Ocr;

/// <summary>
/// Reads one watermark strip after another (one position of the frame, in time order), as cheaply as the watermark
/// allows. A filming app draws its clock in the same place every second, so after a whole read (detection, then every
/// line recognised) only the lines that held the date and time are recognised again in the strips that follow: a fifth
/// of the cost on a 720p strip. A whole read comes again every <see cref="WholeReadInterval"/> (for the place, and text
/// that moved), and at once when the clock is not read where it was. While no clock has been found, whole reads come
/// every <see cref="SearchInterval"/>: a video without a watermark fails its check anyway, and need not cost a whole
/// read a second. Not thread-safe: one reader per strip position, used by one worker.
/// </summary>
public sealed class WatermarkReader
{
    private readonly PaddleOcr _ocr;
    private readonly float _minConfidence;
    private IReadOnlyList<TextLine>? _clockLines;
    private TimeSpan? _lastWholeRead;

    /// <param name="ocr">The OCR models (owned by the caller).</param>
    /// <param name="minConfidence">Lines read with less confidence are not watermark text.</param>
    public WatermarkReader(PaddleOcr ocr, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(ocr);
        ArgumentOutOfRangeException.ThrowIfNegative(minConfidence);
        _ocr = ocr;
        _minConfidence = (float)minConfidence;
    }

    /// <summary>How often the whole strip is read again while the clock is being followed.</summary>
    public TimeSpan WholeReadInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the whole strip is read while no clock has been found.</summary>
    public TimeSpan SearchInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whole reads so far (detection and every line).</summary>
    public int WholeReads { get; private set; }

    /// <summary>Reads of the clock's lines alone so far.</summary>
    public int ClockReads { get; private set; }

    /// <summary>
    /// The watermark text in the strip at <paramref name="videoTime"/>, or null when this strip is skipped (no clock
    /// found yet and the next search is not due). Strips must come in time order.
    /// </summary>
    public WatermarkReading? Read(TimeSpan videoTime, ReadOnlySpan<byte> rgb24, int width, int height)
    {
        if (_clockLines is { } clock && videoTime - _lastWholeRead < WholeReadInterval)
        {
            var again = Confident(_ocr.ReadAt(rgb24, width, height, clock));
            ClockReads++;
            if (WatermarkText.TimeOf(Texts(again)) is not null)
            {
                return new WatermarkReading(videoTime, Texts(again));
            }
        }
        else if (_clockLines is null && _lastWholeRead is { } last && videoTime - last < SearchInterval)
        {
            return null;
        }

        var lines = Confident(_ocr.Read(rgb24, width, height));
        WholeReads++;
        _lastWholeRead = videoTime;
        _clockLines = ClockLines(lines);
        return new WatermarkReading(videoTime, Texts(lines));
    }

    /// <summary>
    /// The fewest lines that still give the date and time: the one line that holds both, or else every line with a
    /// digit that is not the address; null when the strip shows no clock.
    /// </summary>
    internal static IReadOnlyList<TextLine>? ClockLines(IReadOnlyList<TextLine> lines)
    {
        foreach (var line in lines)
        {
            if (WatermarkText.TimeOf([line.Text]) is not null)
            {
                return [line];
            }
        }

        var place = WatermarkText.PlaceOf(Texts(lines));
        bool IsPlace(TextLine line) => place is not null && WatermarkText.PlaceOf([line.Text]) == place;
        var digits = lines.Where(l => l.Text.Any(char.IsDigit) && !IsPlace(l)).ToList();
        return digits.Count > 0 && WatermarkText.TimeOf(Texts(digits)) is not null ? digits : null;
    }

    private List<TextLine> Confident(IReadOnlyList<TextLine> lines) => lines.Where(l => l.Confidence >= _minConfidence).ToList();

    private static List<string> Texts(IEnumerable<TextLine> lines) => lines.Select(l => l.Text).ToList();
}
