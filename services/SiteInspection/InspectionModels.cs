using Hall.CounterMonitor.Detection;
using Hall.SiteInspection.Ocr;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection;

/// <summary>
/// The models a check needs, loaded on first use and kept: PP-OCRv4 for the watermark, and counter monitoring's
/// BlazeFace (back, 256×256) for a person at an inspection point. Used by the one checking worker only.
/// </summary>
public sealed class InspectionModels(IOptions<SiteInspectionOptions> options) : IDisposable
{
    private PaddleOcr? _ocr;
    private BlazeFaceDetector? _faces;

    /// <exception cref="OcrModelException">The OCR models are missing or damaged.</exception>
    public PaddleOcr Ocr => _ocr ??= new PaddleOcr(options.Value.ModelDirectory);

    /// <summary>Faces in an RGB frame of any size, letterboxed to the model's square input.</summary>
    public int CountFaces(byte[] rgb, int width, int height, double minScore)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        _faces ??= new BlazeFaceDetector(Path.Combine(options.Value.ModelDirectory, BlazeFaceModel.Back.FileName), BlazeFaceModel.Back);
        var size = _faces.InputWidth;
        return _faces.Detect(Letterbox(rgb, width, height, size)).Count(f => f.Score >= minScore);
    }

    public void Dispose()
    {
        _ocr?.Dispose();
        _faces?.Dispose();
    }

    /// <summary>Nearest-neighbour scale into a black square, keeping the aspect ratio, as the camera's ffmpeg does.</summary>
    internal static byte[] Letterbox(byte[] rgb, int width, int height, int size)
    {
        var output = new byte[size * size * 3];
        var scale = Math.Min((double)size / width, (double)size / height);
        var w = Math.Max(1, (int)(width * scale));
        var h = Math.Max(1, (int)(height * scale));
        var left = (size - w) / 2;
        var top = (size - h) / 2;
        for (var y = 0; y < h; y++)
        {
            var sy = Math.Min(height - 1, (int)(y / scale));
            for (var x = 0; x < w; x++)
            {
                var sx = Math.Min(width - 1, (int)(x / scale));
                var from = ((sy * width) + sx) * 3;
                var to = (((top + y) * size) + left + x) * 3;
                output[to] = rgb[from];
                output[to + 1] = rgb[from + 1];
                output[to + 2] = rgb[from + 2];
            }
        }

        return output;
    }
}
