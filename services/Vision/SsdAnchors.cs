namespace Hall.Vision;

/// <summary>MediaPipe's SsdAnchorsCalculator: the anchors an SSD model's outputs are decoded against, in output order.</summary>
public static class SsdAnchors
{
    public static SsdAnchor[] Generate(SsdAnchorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Strides.Count != options.NumLayers)
        {
            throw new ArgumentException(
                $"{options.Strides.Count} strides for {options.NumLayers} layers; need one stride per layer.", nameof(options));
        }

        var anchors = new List<SsdAnchor>();
        var layerId = 0;
        while (layerId < options.NumLayers)
        {
            var anchorHeights = new List<float>();
            var anchorWidths = new List<float>();
            var aspectRatios = new List<float>();
            var scales = new List<float>();

            // Layers with the same stride are merged into one feature map, their anchors interleaved per cell.
            var lastSameStrideLayer = layerId;
            while (lastSameStrideLayer < options.Strides.Count
                && options.Strides[lastSameStrideLayer] == options.Strides[layerId])
            {
                var scale = CalculateScale(options.MinScale, options.MaxScale, lastSameStrideLayer, options.Strides.Count);
                if (lastSameStrideLayer == 0 && options.ReduceBoxesInLowestLayer)
                {
                    aspectRatios.AddRange([1.0f, 2.0f, 0.5f]);
                    scales.AddRange([0.1f, scale, scale]);
                }
                else
                {
                    foreach (var ratio in options.AspectRatios)
                    {
                        aspectRatios.Add(ratio);
                        scales.Add(scale);
                    }

                    if (options.InterpolatedScaleAspectRatio > 0.0f)
                    {
                        var scaleNext = lastSameStrideLayer == options.Strides.Count - 1
                            ? 1.0f
                            : CalculateScale(options.MinScale, options.MaxScale, lastSameStrideLayer + 1, options.Strides.Count);
                        scales.Add(MathF.Sqrt(scale * scaleNext));
                        aspectRatios.Add(options.InterpolatedScaleAspectRatio);
                    }
                }

                lastSameStrideLayer++;
            }

            for (var i = 0; i < aspectRatios.Count; i++)
            {
                var ratioSqrt = MathF.Sqrt(aspectRatios[i]);
                anchorHeights.Add(scales[i] / ratioSqrt);
                anchorWidths.Add(scales[i] * ratioSqrt);
            }

            var stride = options.Strides[layerId];
            var featureMapHeight = (int)MathF.Ceiling(1.0f * options.InputSizeHeight / stride);
            var featureMapWidth = (int)MathF.Ceiling(1.0f * options.InputSizeWidth / stride);
            for (var y = 0; y < featureMapHeight; y++)
            {
                for (var x = 0; x < featureMapWidth; x++)
                {
                    for (var anchorId = 0; anchorId < anchorHeights.Count; anchorId++)
                    {
                        var xCenter = (x + options.AnchorOffsetX) * 1.0f / featureMapWidth;
                        var yCenter = (y + options.AnchorOffsetY) * 1.0f / featureMapHeight;
                        anchors.Add(options.FixedAnchorSize
                            ? new SsdAnchor(xCenter, yCenter, 1.0f, 1.0f)
                            : new SsdAnchor(xCenter, yCenter, anchorWidths[anchorId], anchorHeights[anchorId]));
                    }
                }
            }

            layerId = lastSameStrideLayer;
        }

        return [.. anchors];
    }

    private static float CalculateScale(float minScale, float maxScale, int strideIndex, int numStrides) =>
        numStrides == 1
            ? (minScale + maxScale) * 0.5f
            : (float)(minScale + ((maxScale - minScale) * 1.0 * strideIndex / (numStrides - 1.0f)));
}
