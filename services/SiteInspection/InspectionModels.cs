using Hall.SiteInspection.Analysis;
using Hall.SiteInspection.Ocr;
using Hall.Vision;
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

    /// <summary>The face model's square input side: the size a <see cref="FacePicture"/>'s shorter side should have.</summary>
    /// <exception cref="FaceModelException">The face model is missing or damaged.</exception>
    public int FaceInputSize => Faces.InputWidth;

    /// <summary>
    /// Faces in a frame: the model sees squares of the frame's shorter side, side by side along the longer one
    /// (two for 16:9, overlapping), each at its full input resolution; the most faces any square shows. Letterboxing
    /// the whole 16:9 frame instead would shrink a face to half the pixels, and a person a few metres from the phone
    /// would be missed.
    /// </summary>
    public int CountFaces(FacePicture picture, double minScore)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var size = FaceInputSize;
        var most = 0;
        foreach (var tile in Tiles(picture))
        {
            var input = tile.Width == size && tile.Height == size ? tile.Rgb : Letterbox(tile.Rgb, tile.Width, tile.Height, size);
            most = Math.Max(most, Faces.Detect(input).Count(f => f.Score >= minScore));
        }

        return most;
    }

    private BlazeFaceDetector Faces => _faces ??= new BlazeFaceDetector(Path.Combine(options.Value.ModelDirectory, BlazeFaceModel.Back.FileName), BlazeFaceModel.Back);

    /// <summary>Squares of the shorter side along the longer one, evenly spread from one end to the other.</summary>
    internal static IEnumerable<FacePicture> Tiles(FacePicture picture)
    {
        var (width, height) = (picture.Width, picture.Height);
        var side = Math.Min(width, height);
        var along = Math.Max(width, height);
        var count = (along + side - 1) / side;
        for (var i = 0; i < count; i++)
        {
            var start = count == 1 ? 0 : (int)Math.Round((along - side) * (double)i / (count - 1));
            var tile = new byte[side * side * 3];
            for (var row = 0; row < side; row++)
            {
                var (x, y) = width >= height ? (start, row) : (0, start + row);
                picture.Rgb.AsSpan(((y * width) + x) * 3, side * 3).CopyTo(tile.AsSpan(row * side * 3));
            }

            yield return new FacePicture(tile, side, side);
        }
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
