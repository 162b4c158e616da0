using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace Hall.SiteInspection.Ocr;

/// <summary>
/// Reads printed text, e.g. the watermark a filming app burns into a site-inspection video, with PaddleOCR PP-OCRv4
/// (DB detection, then SVTR recognition with CTC) on ONNX Runtime: one session per model, one thread each, no spinning.
/// Not thread-safe: call <see cref="Read"/> from one worker; buffers are kept between calls.
/// </summary>
public sealed class PaddleOcr : IDisposable
{
    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;
    private readonly PaddleOcrOptions _options;
    private readonly List<PixelBox> _boxes = [];
    private bool _disposed;

    /// <summary>Loads the three files named in <see cref="PaddleOcrModels"/> from <paramref name="modelDirectory"/>.</summary>
    /// <exception cref="OcrModelException">A file is missing, unreadable, damaged, of the wrong version, or not the model expected.</exception>
    public PaddleOcr(string modelDirectory, PaddleOcrOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        _options = options ?? new PaddleOcrOptions();
        _options.Validate();
        ModelDirectory = Path.GetFullPath(modelDirectory);

        var keysPath = Path.Combine(ModelDirectory, PaddleOcrModels.KeysFile);
        var characters = Characters(OcrModelFiles.ReadVerified(keysPath, PaddleOcrModels.KeysSha256));

        var detectionPath = Path.Combine(ModelDirectory, PaddleOcrModels.DetectionFile);
        var recognitionPath = Path.Combine(ModelDirectory, PaddleOcrModels.RecognitionFile);
        var detectionBytes = OcrModelFiles.ReadVerified(detectionPath, PaddleOcrModels.DetectionSha256);
        var recognitionBytes = OcrModelFiles.ReadVerified(recognitionPath, PaddleOcrModels.RecognitionSha256);

        InferenceSession? detection = null;
        InferenceSession? recognition = null;
        TextDetector? detector = null;
        try
        {
            detection = OcrModelFiles.CreateSession(detectionPath, detectionBytes);
            detector = new TextDetector(detection, detectionPath, _options);
            recognition = OcrModelFiles.CreateSession(recognitionPath, recognitionBytes);
            _recognizer = new TextRecognizer(recognition, recognitionPath, characters, _options);
            _detector = detector;
        }
        catch
        {
            // The detector owns its session once it exists.
            if (detector is null)
            {
                detection?.Dispose();
            }
            else
            {
                detector.Dispose();
            }

            recognition?.Dispose();
            throw;
        }
    }

    /// <summary>Full path of the folder the models were loaded from.</summary>
    public string ModelDirectory { get; }

    /// <summary>
    /// The lines of text in an RGB24 picture, top to bottom and left to right, each with its confidence and box.
    /// Lines read with less than <see cref="PaddleOcrOptions.MinConfidence"/> are left out.
    /// </summary>
    public IReadOnlyList<TextLine> Read(ReadOnlySpan<byte> rgb24, int width, int height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb24.Length != (long)width * height * 3)
        {
            throw new ArgumentException($"A {width}x{height} RGB24 picture is {(long)width * height * 3} bytes, got {rgb24.Length}.", nameof(rgb24));
        }

        _boxes.Clear();
        _detector.Detect(rgb24, width, height, _boxes);
        if (_boxes.Count == 0)
        {
            return [];
        }

        ReadingOrder.Sort(_boxes);
        var lines = new List<TextLine>(_boxes.Count);
        foreach (var box in _boxes)
        {
            var (text, confidence) = _recognizer.Recognize(rgb24, width, box);
            if (text.Length > 0 && confidence >= _options.MinConfidence)
            {
                lines.Add(new TextLine(text, confidence, box.X, box.Y, box.Width, box.Height));
            }
        }

        return lines;
    }

    /// <summary>
    /// Reads the text again in the boxes of lines read earlier, without detection: where a watermark app draws its
    /// clock in the same place every second, this is the recogniser's cost alone (a fifth of a whole read on a 720p
    /// strip). A box where nothing is read with enough confidence is left out.
    /// </summary>
    public IReadOnlyList<TextLine> ReadAt(ReadOnlySpan<byte> rgb24, int width, int height, IReadOnlyList<TextLine> where)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(where);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb24.Length != (long)width * height * 3)
        {
            throw new ArgumentException($"A {width}x{height} RGB24 picture is {(long)width * height * 3} bytes, got {rgb24.Length}.", nameof(rgb24));
        }

        var lines = new List<TextLine>(where.Count);
        foreach (var line in where)
        {
            var box = new PixelBox(line.X, line.Y, line.Width, line.Height);
            if (box.X < 0 || box.Y < 0 || box.Width < 1 || box.Height < 1 || box.Right > width || box.Bottom > height)
            {
                throw new ArgumentException($"The box {box} lies outside the {width}x{height} picture.", nameof(where));
            }

            var (text, confidence) = _recognizer.Recognize(rgb24, width, box);
            if (text.Length > 0 && confidence >= _options.MinConfidence)
            {
                lines.Add(new TextLine(text, confidence, box.X, box.Y, box.Width, box.Height));
            }
        }

        return lines;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _detector.Dispose();
        _recognizer.Dispose();
    }

    /// <summary>PaddleOCR's CTCLabelDecode with use_space_char: blank, the keys file line by line, then a space.</summary>
    private static string[] Characters(byte[] keys)
    {
        var lines = Encoding.UTF8.GetString(keys).Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var characters = new string[count + 2];
        characters[0] = "blank";
        for (var i = 0; i < count; i++)
        {
            characters[i + 1] = lines[i].TrimEnd('\r');
        }

        characters[^1] = " ";
        return characters;
    }
}
