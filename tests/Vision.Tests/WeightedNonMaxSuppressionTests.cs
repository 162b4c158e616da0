namespace Hall.Vision.Tests;

public class WeightedNonMaxSuppressionTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Overlapping_boxes_merge_to_their_score_weighted_mean_and_a_distant_one_stays()
    {
        var strong = Face(0.9f, 0.20f, 0.20f, 0.40f, 0.40f, keypointX: 0.30f);
        var weak = Face(0.6f, 0.25f, 0.22f, 0.40f, 0.40f, keypointX: 0.40f);
        var distant = Face(0.7f, 0.75f, 0.70f, 0.20f, 0.20f, keypointX: 0.80f);

        var result = WeightedNonMaxSuppression.Apply([weak, distant, strong], 0.3f);

        Assert.Equal(2, result.Count);
        var merged = result[0];
        Assert.Equal(0.9f, merged.Score); // the top detection's score, not a mean
        Assert.Equal(((0.20f * 0.9f) + (0.25f * 0.6f)) / 1.5f, merged.XMin, Tolerance);
        Assert.Equal(((0.20f * 0.9f) + (0.22f * 0.6f)) / 1.5f, merged.YMin, Tolerance);
        Assert.Equal((((0.60f * 0.9f) + (0.65f * 0.6f)) / 1.5f) - merged.XMin, merged.Width, Tolerance);
        Assert.Equal((((0.60f * 0.9f) + (0.62f * 0.6f)) / 1.5f) - merged.YMin, merged.Height, Tolerance);
        Assert.All(merged.Keypoints, k => Assert.Equal(((0.30f * 0.9f) + (0.40f * 0.6f)) / 1.5f, k.X, Tolerance));
        // A lone detection is still "merged" with itself, so it comes back equal up to float rounding.
        AssertSame(distant, result[1]);
    }

    [Fact]
    public void Boxes_overlapping_by_at_most_the_threshold_stay_apart()
    {
        // Side by side: intersection 0.05, union 0.15, IoU 1/3: apart at 0.5, merged at 0.3.
        var left = Face(0.9f, 0.0f, 0.0f, 0.2f, 0.5f, 0.1f);
        var right = Face(0.8f, 0.1f, 0.0f, 0.2f, 0.5f, 0.2f);

        Assert.Equal(1f / 3f, WeightedNonMaxSuppression.Iou(left, right), Tolerance);
        var apart = WeightedNonMaxSuppression.Apply([right, left], 0.5f);
        Assert.Equal(2, apart.Count);
        AssertSame(left, apart[0]);
        AssertSame(right, apart[1]);
        Assert.Single(WeightedNonMaxSuppression.Apply([right, left], 0.3f));
    }

    [Fact]
    public void A_chain_of_boxes_merges_around_the_best_one_only()
    {
        // b overlaps a and c, but a and c do not overlap: a absorbs b, then c stands alone.
        var a = Face(0.9f, 0.00f, 0.0f, 0.4f, 0.4f, 0.2f);
        var b = Face(0.8f, 0.10f, 0.0f, 0.4f, 0.4f, 0.3f);
        var c = Face(0.7f, 0.35f, 0.0f, 0.4f, 0.4f, 0.5f);

        var result = WeightedNonMaxSuppression.Apply([c, b, a], 0.3f);

        Assert.Equal(2, result.Count);
        Assert.Equal(0.9f, result[0].Score);
        AssertSame(c, result[1]);
    }

    [Fact]
    public void No_detections_give_none()
    {
        Assert.Empty(WeightedNonMaxSuppression.Apply([], 0.3f));
    }

    private static void AssertSame(FaceDetection expected, FaceDetection actual)
    {
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.XMin, actual.XMin, Tolerance);
        Assert.Equal(expected.YMin, actual.YMin, Tolerance);
        Assert.Equal(expected.Width, actual.Width, Tolerance);
        Assert.Equal(expected.Height, actual.Height, Tolerance);
        for (var k = 0; k < expected.Keypoints.Count; k++)
        {
            Assert.Equal(expected.Keypoints[k].X, actual.Keypoints[k].X, Tolerance);
            Assert.Equal(expected.Keypoints[k].Y, actual.Keypoints[k].Y, Tolerance);
        }
    }

    private static FaceDetection Face(float score, float x, float y, float w, float h, float keypointX) =>
        new(score, x, y, w, h, Enumerable.Repeat(new FacePoint(keypointX, y + (h / 2)), 6).ToArray());
}
