namespace Hall.Vision;

/// <summary>The options of MediaPipe's SsdAnchorsCalculator that BlazeFace uses (names as in its proto).</summary>
public sealed record SsdAnchorOptions
{
    public required int InputSizeWidth { get; init; }

    public required int InputSizeHeight { get; init; }

    public required float MinScale { get; init; }

    public required float MaxScale { get; init; }

    public float AnchorOffsetX { get; init; } = 0.5f;

    public float AnchorOffsetY { get; init; } = 0.5f;

    public required int NumLayers { get; init; }

    /// <summary>One stride per layer; consecutive layers with the same stride share one feature map.</summary>
    public required IReadOnlyList<int> Strides { get; init; }

    public IReadOnlyList<float> AspectRatios { get; init; } = [1.0f];

    /// <summary>Anchors of width and height 1, so box sizes come straight from the model.</summary>
    public bool FixedAnchorSize { get; init; }

    /// <summary>Above 0: one more anchor per layer with this aspect ratio at the geometric mean of this and the next scale.</summary>
    public float InterpolatedScaleAspectRatio { get; init; } = 1.0f;

    public bool ReduceBoxesInLowestLayer { get; init; }
}
