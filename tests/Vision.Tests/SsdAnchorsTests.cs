namespace Hall.Vision.Tests;

public class SsdAnchorsTests
{
    private const float Tolerance = 1e-6f;

    [Fact]
    public void Front_model_has_896_anchors_from_a_16x16_and_an_8x8_grid()
    {
        var anchors = SsdAnchors.Generate(BlazeFaceModel.Front.Anchors);

        Assert.Equal(896, anchors.Length);
        // Stride 8: 16×16 cells, 2 anchors each, first cell centred at half a cell.
        AssertAnchor(anchors[0], 0.5f / 16, 0.5f / 16);
        AssertAnchor(anchors[1], 0.5f / 16, 0.5f / 16);
        AssertAnchor(anchors[2], 1.5f / 16, 0.5f / 16);
        AssertAnchor(anchors[511], 15.5f / 16, 15.5f / 16);
        // The three stride-16 layers merge into one 8×8 grid with 6 anchors per cell.
        AssertAnchor(anchors[512], 0.5f / 8, 0.5f / 8);
        AssertAnchor(anchors[517], 0.5f / 8, 0.5f / 8);
        AssertAnchor(anchors[518], 1.5f / 8, 0.5f / 8);
        AssertAnchor(anchors[895], 7.5f / 8, 7.5f / 8);
        Assert.All(anchors, a => Assert.Equal((1f, 1f), (a.Width, a.Height)));
    }

    [Fact]
    public void Back_model_has_the_same_896_anchor_layout_at_twice_the_strides()
    {
        var back = SsdAnchors.Generate(BlazeFaceModel.Back.Anchors);
        var front = SsdAnchors.Generate(BlazeFaceModel.Front.Anchors);

        Assert.Equal(896, back.Length);
        AssertAnchor(back[0], 0.03125f, 0.03125f);
        AssertAnchor(back[895], 0.9375f, 0.9375f);
        Assert.Equal(front, back);
    }

    [Fact]
    public void Without_fixed_size_anchors_take_the_layer_scales_and_their_interpolations()
    {
        var options = BlazeFaceModel.Front.Anchors with { FixedAnchorSize = false };

        var anchors = SsdAnchors.Generate(options);

        // scale_i = min + (max - min) * i / 3; the extra anchor is sqrt(scale_i * scale_i+1), and 1 after the last layer.
        var scales = Enumerable.Range(0, 4).Select(i => 0.1484375f + ((0.75f - 0.1484375f) * i / 3f)).ToArray();
        Assert.Equal(scales[0], anchors[0].Width, Tolerance);
        Assert.Equal(MathF.Sqrt(scales[0] * scales[1]), anchors[1].Width, Tolerance);
        float[] cell = [scales[1], MathF.Sqrt(scales[1] * scales[2]), scales[2], MathF.Sqrt(scales[2] * scales[3]), scales[3], MathF.Sqrt(scales[3])];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(cell[i], anchors[512 + i].Width, Tolerance);
            Assert.Equal(cell[i], anchors[512 + i].Height, Tolerance);
        }
    }

    private static void AssertAnchor(SsdAnchor anchor, float x, float y)
    {
        Assert.Equal(x, anchor.XCenter, Tolerance);
        Assert.Equal(y, anchor.YCenter, Tolerance);
    }
}
