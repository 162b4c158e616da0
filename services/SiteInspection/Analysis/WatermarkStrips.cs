namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The watermark strips of one pass: a full-width band of the frame at full resolution, once per
/// <see cref="AnalysisOptions.StripRate"/>, as raw RGB24 frames one after another in <see cref="FilePath"/> (inside the
/// caller's work directory). The OCR reads them from here. Disposing deletes the file unless
/// <see cref="AnalysisOptions.KeepStrips"/> was set.
/// </summary>
public sealed class WatermarkStrips : IDisposable
{
    private readonly bool _keep;

    internal WatermarkStrips(StripPosition position, string filePath, int width, int height, int top, IReadOnlyList<StripFrame> frames, bool keep)
    {
        Position = position;
        FilePath = filePath;
        Width = width;
        Height = height;
        Top = top;
        Frames = frames;
        _keep = keep;
    }

    public StripPosition Position { get; }

    public string FilePath { get; }

    /// <summary>Strip width: the video's width as shown.</summary>
    public int Width { get; }

    /// <summary>Strip height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row of the frame where the strip starts.</summary>
    public int Top { get; }

    /// <summary>Bytes per strip: Width × Height × 3.</summary>
    public int FrameBytes => Width * Height * 3;

    /// <summary>Every strip written, in time order; Offset is where its bytes start in <see cref="FilePath"/>.</summary>
    public IReadOnlyList<StripFrame> Frames { get; }

    /// <summary>Reads one strip into <paramref name="destination"/> (at least <see cref="FrameBytes"/> long).</summary>
    public void Read(StripFrame frame, Span<byte> destination)
    {
        if (destination.Length < FrameBytes)
            throw new ArgumentException($"A strip needs {FrameBytes} bytes; the destination has {destination.Length}.", nameof(destination));
        using var file = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        file.Position = frame.Offset;
        file.ReadExactly(destination[..FrameBytes]);
    }

    public byte[] Read(StripFrame frame)
    {
        var bytes = new byte[FrameBytes];
        Read(frame, bytes);
        return bytes;
    }

    public void Dispose()
    {
        if (!_keep)
            TryDelete(FilePath);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left in the work directory, which the caller clears after the job.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
