namespace Hall.Vision;

/// <summary>
/// MediaPipe's TensorsToDetectionsCalculator for a one-class SSD model: decodes raw box and score tensors against
/// their anchors into detections in normalized input coordinates.
/// </summary>
public static class TensorsToDetections
{
    /// <summary>
    /// Decodes one slice of the model's outputs. <paramref name="rawScores"/> holds one logit per anchor and
    /// <paramref name="rawBoxes"/> <see cref="TensorsToDetectionsOptions.NumCoords"/> values per anchor, in the order of
    /// <paramref name="anchors"/>. Detections that pass the score threshold are added to <paramref name="output"/> in anchor order.
    /// </summary>
    public static void Decode(
        ReadOnlySpan<float> rawScores,
        ReadOnlySpan<float> rawBoxes,
        ReadOnlySpan<SsdAnchor> anchors,
        TensorsToDetectionsOptions options,
        ICollection<FaceDetection> output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var numBoxes = anchors.Length;
        if (rawScores.Length != numBoxes)
        {
            throw new ArgumentException($"{rawScores.Length} scores for {numBoxes} anchors.", nameof(rawScores));
        }

        if (rawBoxes.Length != numBoxes * options.NumCoords)
        {
            throw new ArgumentException(
                $"{rawBoxes.Length} box values for {numBoxes} anchors of {options.NumCoords} values.", nameof(rawBoxes));
        }

        for (var i = 0; i < numBoxes; i++)
        {
            var score = Score(rawScores[i], options);
            if (options.MinScoreThresh is { } minScore && score < minScore)
            {
                continue;
            }

            var anchor = anchors[i];
            var box = rawBoxes.Slice(i * options.NumCoords, options.NumCoords);
            var b = options.BoxCoordOffset;
            float xCenter, yCenter, w, h;
            if (options.ReverseOutputOrder)
            {
                (xCenter, yCenter, w, h) = (box[b], box[b + 1], box[b + 2], box[b + 3]);
            }
            else
            {
                (yCenter, xCenter, h, w) = (box[b], box[b + 1], box[b + 2], box[b + 3]);
            }

            xCenter = (xCenter / options.XScale * anchor.Width) + anchor.XCenter;
            yCenter = (yCenter / options.YScale * anchor.Height) + anchor.YCenter;
            if (options.ApplyExponentialOnBoxSize)
            {
                h = MathF.Exp(h / options.HScale) * anchor.Height;
                w = MathF.Exp(w / options.WScale) * anchor.Width;
            }
            else
            {
                h = h / options.HScale * anchor.Height;
                w = w / options.WScale * anchor.Width;
            }

            var xMin = xCenter - (w / 2.0f);
            var yMin = yCenter - (h / 2.0f);
            var width = (xCenter + (w / 2.0f)) - xMin;
            var height = (yCenter + (h / 2.0f)) - yMin;

            // The model can predict negative sizes; MediaPipe drops those (b/171391719).
            if (width < 0 || height < 0 || float.IsNaN(width) || float.IsNaN(height))
            {
                continue;
            }

            var keypoints = new FacePoint[options.NumKeypoints];
            for (var k = 0; k < options.NumKeypoints; k++)
            {
                var offset = options.KeypointCoordOffset + (k * options.NumValuesPerKeypoint);
                var (kx, ky) = options.ReverseOutputOrder ? (box[offset], box[offset + 1]) : (box[offset + 1], box[offset]);
                keypoints[k] = new FacePoint(
                    (kx / options.XScale * anchor.Width) + anchor.XCenter,
                    (ky / options.YScale * anchor.Height) + anchor.YCenter);
            }

            output.Add(new FaceDetection(score, xMin, yMin, width, height, keypoints));
        }
    }

    private static float Score(float raw, TensorsToDetectionsOptions options)
    {
        if (!options.SigmoidScore)
        {
            return raw;
        }

        if (options.ScoreClippingThresh is { } clip)
        {
            raw = Math.Clamp(raw, -clip, clip);
        }

        return 1.0f / (1.0f + MathF.Exp(-raw));
    }
}
