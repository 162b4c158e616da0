using Microsoft.ML.OnnxRuntime;

namespace Hall.SiteInspection.Ocr;

/// <summary>
/// PP-OCRv4 DB text detection: the picture resized as PaddleOCR's DetResizeForTest ("max" limit, both sides rounded to
/// multiples of 32), normalised with the ImageNet mean and deviation, run, and post-processed by <see cref="DbBoxFinder"/>.
/// The input and probability buffers grow to the largest picture seen and are reused. Not thread-safe.
/// </summary>
internal sealed class TextDetector : IDisposable
{
    // PaddleOCR's NormalizeImage (mean, std on x/255), applied per tensor channel; the channels are B, G, R.
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly PaddleOcrOptions _options;
    private readonly ImageResampler _resampler = new();
    private readonly DbBoxFinder _finder = new();
    private readonly float[] _scale = new float[3];
    private readonly float[] _bias = new float[3];
    private float[] _input = [];
    private float[] _probability = [];

    public TextDetector(InferenceSession session, string path, PaddleOcrOptions options)
    {
        var input = OcrModelFiles.Dimensions(session, path, input: true, "[n,3,h,w]");
        var output = OcrModelFiles.Dimensions(session, path, input: false, "[n,1,h,w]");
        if (input is not [_, 3, _, _] || output is not [_, 1, _, _])
        {
            _runOptions.Dispose();
            throw new OcrModelException(
                path,
                $"OCR model file {path} is not a text detector: its input is [{string.Join(",", input)}] and its output "
                + $"[{string.Join(",", output)}], expected [n,3,h,w] and [n,1,h,w]. {OcrModelFiles.FetchHint}");
        }

        _session = session;
        _options = options;
        _inputNames = [.. session.InputMetadata.Keys];
        _outputNames = [.. session.OutputMetadata.Keys];
        for (var c = 0; c < 3; c++)
        {
            _scale[c] = 1f / (255f * Std[c]);
            _bias[c] = -Mean[c] / Std[c];
        }
    }

    /// <summary>Appends the text boxes in the picture, in its pixels, in no particular order.</summary>
    public void Detect(ReadOnlySpan<byte> rgb24, int width, int height, List<PixelBox> boxes)
    {
        var (mapWidth, mapHeight) = InputSize(width, height, _options.MaxSideLength);
        var size = mapWidth * mapHeight;
        if (_probability.Length < size)
        {
            _input = new float[3 * size];
            _probability = new float[size];
        }

        _resampler.Resample(rgb24, width, (0, 0, width, height), _input, mapWidth, mapHeight, mapWidth, mapHeight, _scale, _bias);
        using (var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, 3 * size), [1, 3, mapHeight, mapWidth]))
        using (var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _probability.AsMemory(0, size), [1, 1, mapHeight, mapWidth]))
        {
            _session.Run(_runOptions, _inputNames, [input], _outputNames, [output]);
        }

        _finder.Find(_probability.AsSpan(0, size), mapWidth, mapHeight, width, height, _options, boxes);
    }

    /// <summary>DetResizeForTest, limit_type "max": shrink so the longer side is at most the limit, then round each side to 32.</summary>
    internal static (int Width, int Height) InputSize(int width, int height, int maxSide)
    {
        var ratio = Math.Max(width, height) > maxSide ? (double)maxSide / Math.Max(width, height) : 1.0;
        static int Round32(double side) => Math.Max((int)Math.Round(side / 32, MidpointRounding.ToEven) * 32, 32);
        return (Round32(width * ratio), Round32(height * ratio));
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
