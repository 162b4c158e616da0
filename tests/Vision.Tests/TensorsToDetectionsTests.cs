namespace Hall.Vision.Tests;

public class TensorsToDetectionsTests
{
    private const float Tolerance = 1e-5f;
    private static readonly TensorsToDetectionsOptions Front = BlazeFaceModel.Front.Decoding;
    private static readonly SsdAnchor[] TwoAnchors = [new(0.25f, 0.25f, 1, 1), new(0.75f, 0.75f, 1, 1)];

    [Fact]
    public void Box_is_the_anchor_plus_offsets_in_input_pixels_with_keypoints_likewise()
    {
        var boxes = new float[32];
        // x, y, w, h in pixels of the 128 input, then 6 keypoints (x, y).
        float[] first = [16, -8, 32, 64, 0, 0, 12.8f, -12.8f, 0, 0, 0, 0, 0, 0, 0, 0];
        first.CopyTo(boxes, 0);
        var found = new List<FaceDetection>();

        TensorsToDetections.Decode([2.0f, -1.0f], boxes, TwoAnchors, Front, found);

        var face = Assert.Single(found);
        Assert.Equal(1 / (1 + MathF.Exp(-2)), face.Score, Tolerance);
        Assert.Equal(0.375f, face.CenterX, Tolerance);
        Assert.Equal(0.1875f, face.CenterY, Tolerance);
        Assert.Equal(0.25f, face.XMin, Tolerance);
        Assert.Equal(-0.0625f, face.YMin, Tolerance);
        Assert.Equal(0.25f, face.Width, Tolerance);
        Assert.Equal(0.5f, face.Height, Tolerance);
        Assert.Equal(6, face.Keypoints.Count);
        Assert.Equal(new FacePoint(0.25f, 0.25f), face[FaceKeypoint.RightEye]);
        Assert.Equal(0.35f, face[FaceKeypoint.LeftEye].X, Tolerance);
        Assert.Equal(0.15f, face[FaceKeypoint.LeftEye].Y, Tolerance);
    }

    [Fact]
    public void Scores_are_clipped_before_the_sigmoid_and_the_threshold_keeps_equal_scores()
    {
        var found = new List<FaceDetection>();
        var options = Front with { MinScoreThresh = 0.5f };

        // 1e6 would overflow nothing anyway, but clipping keeps MediaPipe's exact value; logit 0 is exactly 0.5.
        TensorsToDetections.Decode([1e6f, 0f], new float[32], TwoAnchors, options, found);

        Assert.Equal(2, found.Count);
        Assert.Equal(1 / (1 + MathF.Exp(-100)), found[0].Score);
        Assert.Equal(0.5f, found[1].Score);
    }

    [Fact]
    public void Negative_sizes_are_dropped()
    {
        var boxes = new float[32];
        boxes[2] = -10; // width of the first anchor's box
        boxes[16 + 2] = 10;
        boxes[16 + 3] = 10;
        var found = new List<FaceDetection>();

        TensorsToDetections.Decode([5f, 5f], boxes, TwoAnchors, Front, found);

        var face = Assert.Single(found);
        Assert.Equal(0.75f, face.CenterX, Tolerance);
    }

    [Fact]
    public void Without_reversed_order_values_are_read_as_y_x_h_w()
    {
        float[] box = [16, -8, 32, 64, 12.8f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var found = new List<FaceDetection>();

        TensorsToDetections.Decode([5f], box, TwoAnchors.AsSpan(0, 1), Front with { ReverseOutputOrder = false }, found);

        var face = Assert.Single(found);
        Assert.Equal(0.1875f, face.CenterX, Tolerance);
        Assert.Equal(0.375f, face.CenterY, Tolerance);
        Assert.Equal(0.5f, face.Width, Tolerance);
        Assert.Equal(0.25f, face.Height, Tolerance);
        Assert.Equal(0.35f, face.Keypoints[0].Y, Tolerance);
    }

    [Fact]
    public void Tensors_that_do_not_match_the_anchors_are_refused()
    {
        var found = new List<FaceDetection>();

        Assert.Throws<ArgumentException>(() => TensorsToDetections.Decode([1f], new float[32], TwoAnchors, Front, found));
        Assert.Throws<ArgumentException>(() => TensorsToDetections.Decode([1f, 1f], new float[31], TwoAnchors, Front, found));
    }
}
