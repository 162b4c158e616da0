namespace Hall.Vision;

/// <summary>
/// The WEIGHTED algorithm of MediaPipe's NonMaxSuppressionCalculator with IoU overlap: the best remaining detection
/// and every remaining one overlapping it by more than the threshold (itself included) merge into one, their box
/// corners and keypoints averaged by score; the merged detection keeps the best one's score.
/// </summary>
public static class WeightedNonMaxSuppression
{
    /// <summary>Returns the merged detections, best first. Ties in score keep input order (MediaPipe's sort leaves them unspecified).</summary>
    public static List<FaceDetection> Apply(IReadOnlyList<FaceDetection> detections, float minSuppressionThreshold)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var output = new List<FaceDetection>();
        if (detections.Count == 0)
        {
            return output;
        }

        var remaining = new List<int>(detections.Count);
        for (var i = 0; i < detections.Count; i++)
        {
            remaining.Add(i);
        }

        remaining.Sort((a, b) =>
        {
            var byScore = detections[b].Score.CompareTo(detections[a].Score);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });

        var remained = new List<int>(detections.Count);
        var candidates = new List<int>(detections.Count);
        while (remaining.Count > 0)
        {
            var originalCount = remaining.Count;
            var top = detections[remaining[0]];
            remained.Clear();
            candidates.Clear();
            foreach (var index in remaining)
            {
                if (Iou(detections[index], top) > minSuppressionThreshold)
                {
                    candidates.Add(index);
                }
                else
                {
                    remained.Add(index);
                }
            }

            output.Add(candidates.Count == 0 ? top : Merge(top, detections, candidates));

            // Only a degenerate top box (no overlap even with itself) leaves the set unchanged; MediaPipe stops there.
            if (remained.Count == originalCount)
            {
                break;
            }

            (remaining, remained) = (remained, remaining);
        }

        return output;
    }

    /// <summary>Intersection over union of two boxes, 0 when they do not touch or the union is empty (MediaPipe's OverlapSimilarity).</summary>
    public static float Iou(FaceDetection a, FaceDetection b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var empty = a.Width < 0 || a.Height < 0 || b.Width < 0 || b.Height < 0;
        if (empty || b.XMax < a.XMin || a.XMax < b.XMin || b.YMax < a.YMin || a.YMax < b.YMin)
        {
            return 0.0f;
        }

        var intersection = (MathF.Min(a.XMax, b.XMax) - MathF.Max(a.XMin, b.XMin))
            * (MathF.Min(a.YMax, b.YMax) - MathF.Max(a.YMin, b.YMin));
        var normalization = (a.Width * a.Height) + (b.Width * b.Height) - intersection;
        return normalization > 0.0f ? intersection / normalization : 0.0f;
    }

    private static FaceDetection Merge(FaceDetection top, IReadOnlyList<FaceDetection> detections, List<int> candidates)
    {
        var numKeypoints = top.Keypoints.Count;
        var keypoints = numKeypoints <= 16 ? stackalloc float[numKeypoints * 2] : new float[numKeypoints * 2];
        keypoints.Clear();
        float wXMin = 0, wYMin = 0, wXMax = 0, wYMax = 0, totalScore = 0;
        foreach (var index in candidates)
        {
            var candidate = detections[index];
            var score = candidate.Score;
            totalScore += score;
            wXMin += candidate.XMin * score;
            wYMin += candidate.YMin * score;
            wXMax += (candidate.XMin + candidate.Width) * score;
            wYMax += (candidate.YMin + candidate.Height) * score;
            for (var k = 0; k < numKeypoints; k++)
            {
                keypoints[k * 2] += candidate.Keypoints[k].X * score;
                keypoints[(k * 2) + 1] += candidate.Keypoints[k].Y * score;
            }
        }

        var xMin = wXMin / totalScore;
        var yMin = wYMin / totalScore;
        var merged = new FacePoint[numKeypoints];
        for (var k = 0; k < numKeypoints; k++)
        {
            merged[k] = new FacePoint(keypoints[k * 2] / totalScore, keypoints[(k * 2) + 1] / totalScore);
        }

        return new FaceDetection(top.Score, xMin, yMin, (wXMax / totalScore) - xMin, (wYMax / totalScore) - yMin, merged);
    }
}
