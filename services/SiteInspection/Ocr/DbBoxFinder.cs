namespace Hall.SiteInspection.Ocr;

/// <summary>
/// DB post-processing (PaddleOCR's DBPostProcess) with axis-aligned boxes: threshold the probability map, take each
/// 8-connected region, keep it when the mean probability over the region reaches the box threshold, grow its bounding
/// box by area × unclip ratio / perimeter on every side, and map it back to the picture.
/// Axis-aligned rather than minimum-area boxes: watermarks are drawn level, and a level box needs no warp to crop.
/// The score is over the region itself (as PaddleOCR's score_mode "slow", inside the contour), not over its box ("fast"):
/// white text running over a white object can grow a tall spur, whose box is half empty though the text is certain.
/// Buffers are kept between calls; not thread-safe.
/// </summary>
internal sealed class DbBoxFinder
{
    // PaddleOCR's DBPostProcess: max_candidates 1000, min_size 3 (before growing; min_size + 2 after).
    private const int MaxCandidates = 1000;
    private const float MinSize = 3;

    private bool[] _visited = [];
    private int[] _stack = [];

    /// <summary>Appends the boxes found in a mapWidth×mapHeight probability map, scaled to a pictureWidth×pictureHeight picture.</summary>
    public void Find(
        ReadOnlySpan<float> probability,
        int mapWidth,
        int mapHeight,
        int pictureWidth,
        int pictureHeight,
        PaddleOcrOptions options,
        List<PixelBox> boxes)
    {
        var size = mapWidth * mapHeight;
        if (probability.Length < size)
        {
            throw new ArgumentException($"A {mapWidth}x{mapHeight} map needs {size} values, got {probability.Length}.", nameof(probability));
        }

        if (_visited.Length < size)
        {
            _visited = new bool[size];
            _stack = new int[size];
        }

        var visited = _visited.AsSpan(0, size);
        visited.Clear();
        var threshold = options.BinaryThreshold;
        var candidates = 0;
        for (var start = 0; start < size && candidates < MaxCandidates; start++)
        {
            if (visited[start] || probability[start] <= threshold)
            {
                continue;
            }

            candidates++;
            var (left, top, right, bottom, score) = Fill(probability, mapWidth, mapHeight, threshold, start);

            // Pixel centres, as OpenCV's contours give them: a region one pixel wide has width 0.
            float width = right - left;
            float height = bottom - top;
            if (Math.Min(width, height) < MinSize || score < options.BoxThreshold)
            {
                continue;
            }

            var grow = width * height * options.UnclipRatio / (2 * (width + height));
            if (Math.Min(width, height) + (2 * grow) < MinSize + 2)
            {
                continue;
            }

            var scaleX = (float)pictureWidth / mapWidth;
            var scaleY = (float)pictureHeight / mapHeight;
            var x0 = Clamp((left - grow) * scaleX, pictureWidth);
            var y0 = Clamp((top - grow) * scaleY, pictureHeight);
            var x1 = Clamp((right + grow) * scaleX, pictureWidth);
            var y1 = Clamp((bottom + grow) * scaleY, pictureHeight);
            if (x1 - x0 > MinSize && y1 - y0 > MinSize)
            {
                boxes.Add(new PixelBox(x0, y0, x1 - x0, y1 - y0));
            }
        }
    }

    /// <summary>Marks the 8-connected region from <paramref name="start"/>; returns its extent and mean probability.</summary>
    private (int Left, int Top, int Right, int Bottom, float Score) Fill(ReadOnlySpan<float> probability, int mapWidth, int mapHeight, float threshold, int start)
    {
        var visited = _visited;
        var stack = _stack;
        var count = 0;
        stack[count++] = start;
        visited[start] = true;
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        var pixels = 0;
        double sum = 0;
        while (count > 0)
        {
            var at = stack[--count];
            pixels++;
            sum += probability[at];
            var x = at % mapWidth;
            var y = at / mapWidth;
            left = Math.Min(left, x);
            right = Math.Max(right, x);
            top = Math.Min(top, y);
            bottom = Math.Max(bottom, y);
            for (var dy = -1; dy <= 1; dy++)
            {
                var ny = y + dy;
                if ((uint)ny >= (uint)mapHeight)
                {
                    continue;
                }

                for (var dx = -1; dx <= 1; dx++)
                {
                    var nx = x + dx;
                    if ((uint)nx >= (uint)mapWidth)
                    {
                        continue;
                    }

                    var next = (ny * mapWidth) + nx;
                    if (!visited[next] && probability[next] > threshold)
                    {
                        visited[next] = true;
                        stack[count++] = next;
                    }
                }
            }
        }

        return (left, top, right, bottom, (float)(sum / pixels));
    }

    private static int Clamp(float value, int max) => Math.Clamp((int)MathF.Round(value), 0, max);
}
