namespace Hall.SiteInspection.Ocr;

/// <summary>
/// Bilinear resize of a region of an RGB24 picture straight into a normalised planar float tensor, as OpenCV's
/// INTER_LINEAR (half-pixel centres, edge pixels repeated) followed by PaddleOCR's normalisation. The tensor's channels
/// are B, G, R: PaddleOCR reads pictures with OpenCV and its models were trained on BGR.
/// </summary>
internal sealed class ImageResampler
{
    private int[] _x0 = [];
    private float[] _fx = [];

    /// <param name="rgb24">The whole picture, <paramref name="width"/> pixels a row.</param>
    /// <param name="region">The part to resample, in pixels; it must lie inside the picture.</param>
    /// <param name="tensor">[3, planeHeight, planeWidth] planes; only the top-left outWidth×outHeight of each is written.</param>
    /// <param name="scale">Per tensor channel (B, G, R): value = pixel * scale + bias.</param>
    public void Resample(
        ReadOnlySpan<byte> rgb24,
        int width,
        (int X, int Y, int Width, int Height) region,
        Span<float> tensor,
        int planeWidth,
        int planeHeight,
        int outWidth,
        int outHeight,
        ReadOnlySpan<float> scale,
        ReadOnlySpan<float> bias)
    {
        if (_x0.Length < outWidth)
        {
            _x0 = new int[outWidth];
            _fx = new float[outWidth];
        }

        var stepX = (double)region.Width / outWidth;
        for (var x = 0; x < outWidth; x++)
        {
            Position((x + 0.5) * stepX - 0.5, region.Width, out _x0[x], out _fx[x]);
        }

        var plane = planeWidth * planeHeight;
        var stepY = (double)region.Height / outHeight;
        for (var y = 0; y < outHeight; y++)
        {
            Position((y + 0.5) * stepY - 0.5, region.Height, out var y0, out var fy);
            var y1 = Math.Min(y0 + 1, region.Height - 1);
            var row0 = rgb24.Slice(((region.Y + y0) * width + region.X) * 3);
            var row1 = rgb24.Slice(((region.Y + y1) * width + region.X) * 3);
            var outRow = y * planeWidth;
            for (var x = 0; x < outWidth; x++)
            {
                var a = _x0[x] * 3;
                var b = Math.Min(_x0[x] + 1, region.Width - 1) * 3;
                var fx = _fx[x];
                for (var c = 0; c < 3; c++)
                {
                    var source = 2 - c; // tensor B,G,R from picture R,G,B
                    float top = row0[a + source] + (fx * (row0[b + source] - row0[a + source]));
                    float bottom = row1[a + source] + (fx * (row1[b + source] - row1[a + source]));
                    tensor[(c * plane) + outRow + x] = ((top + (fy * (bottom - top))) * scale[c]) + bias[c];
                }
            }
        }
    }

    private static void Position(double source, int size, out int index, out float fraction)
    {
        if (source <= 0)
        {
            index = 0;
            fraction = 0;
            return;
        }

        index = (int)source;
        if (index >= size - 1)
        {
            index = size - 1;
            fraction = 0;
            return;
        }

        fraction = (float)(source - index);
    }
}
