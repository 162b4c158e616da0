using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace Hall.SiteInspection.Ocr;

/// <summary>
/// PP-OCRv4 recognition with CTC: a line's box resized to height 48 keeping its aspect ratio, at least 320 wide
/// (PaddleOCR's rec_image_shape 3,48,320; the rest padded with zeros after normalising to [-1,1]), run, and decoded
/// greedily. The input buffer grows to the widest line seen and is reused. Not thread-safe.
/// </summary>
internal sealed class TextRecognizer : IDisposable
{
    private const int Height = 48;
    private const int MinWidth = 320;
    private static readonly float[] Scale = [1 / 127.5f, 1 / 127.5f, 1 / 127.5f];
    private static readonly float[] Bias = [-1f, -1f, -1f];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly IReadOnlyList<string> _characters;
    private readonly int _classes;
    private readonly int _maxWidth;
    private readonly float _minSpaceProbability;
    private readonly ImageResampler _resampler = new();
    private readonly StringBuilder _text = new();
    private float[] _input = [];

    /// <param name="characters">The class characters: blank at 0, then the keys file, then a space.</param>
    public TextRecognizer(InferenceSession session, string path, IReadOnlyList<string> characters, PaddleOcrOptions options)
    {
        var input = OcrModelFiles.Dimensions(session, path, input: true, "[n,3,48,w]");
        var output = OcrModelFiles.Dimensions(session, path, input: false, "[n,t,classes]");
        if (input is not [_, 3, Height, _] || output is not [_, _, > 0])
        {
            _runOptions.Dispose();
            throw new OcrModelException(
                path,
                $"OCR model file {path} is not a text recogniser: its input is [{string.Join(",", input)}] and its output "
                + $"[{string.Join(",", output)}], expected [n,3,48,w] and [n,t,classes]. {OcrModelFiles.FetchHint}");
        }

        if (output[2] != characters.Count)
        {
            _runOptions.Dispose();
            throw new OcrModelException(
                path,
                $"OCR model file {path} tells {output[2]} classes apart but the keys file gives {characters.Count} "
                + $"(blank, {characters.Count - 2} characters, space): they are not a pair. {OcrModelFiles.FetchHint}");
        }

        _session = session;
        _characters = characters;
        _classes = output[2];
        _maxWidth = Math.Max(options.MaxRecognitionWidth, MinWidth);
        _minSpaceProbability = options.MinSpaceProbability;
        _inputNames = [.. session.InputMetadata.Keys];
        _outputNames = [.. session.OutputMetadata.Keys];
    }

    /// <summary>Reads the one line of text in <paramref name="box"/> of the picture.</summary>
    public (string Text, float Confidence) Recognize(ReadOnlySpan<byte> rgb24, int width, PixelBox box)
    {
        var lineWidth = Math.Clamp((int)Math.Ceiling(Height * (double)box.Width / box.Height), 1, _maxWidth);
        var tensorWidth = Math.Max(lineWidth, MinWidth);
        var length = 3 * Height * tensorWidth;
        if (_input.Length < length)
        {
            _input = new float[length];
        }

        var tensor = _input.AsSpan(0, length);
        tensor.Clear(); // zero is mid-grey after normalising: PaddleOCR's padding
        _resampler.Resample(rgb24, width, (box.X, box.Y, box.Width, box.Height), tensor, tensorWidth, Height, lineWidth, Height, Scale, Bias);

        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, length), [1, 3, Height, tensorWidth]);
        using var outputs = _session.Run(_runOptions, _inputNames, [input], _outputNames);
        var probabilities = outputs[0].GetTensorDataAsSpan<float>();

        _text.Clear();
        var confidence = CtcDecoder.Decode(probabilities, _classes, _characters, _minSpaceProbability, _text);
        return (_text.ToString(), confidence);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
