namespace Hall.Vision;

/// <summary>The options of MediaPipe's TensorsToDetectionsCalculator that BlazeFace uses (names as in its proto; one class).</summary>
public sealed record TensorsToDetectionsOptions
{
    /// <summary>Values per anchor in the box tensor: 4 box values, then the keypoints.</summary>
    public required int NumCoords { get; init; }

    public int BoxCoordOffset { get; init; }

    public required int KeypointCoordOffset { get; init; }

    public required int NumKeypoints { get; init; }

    public int NumValuesPerKeypoint { get; init; } = 2;

    /// <summary>True: the model writes x, y, w, h (and keypoints x, y); false: y, x, h, w.</summary>
    public bool ReverseOutputOrder { get; init; }

    public required float XScale { get; init; }

    public required float YScale { get; init; }

    public required float WScale { get; init; }

    public required float HScale { get; init; }

    public bool ApplyExponentialOnBoxSize { get; init; }

    public bool SigmoidScore { get; init; } = true;

    /// <summary>Raw scores are clipped to ±this before the sigmoid; null: no clipping.</summary>
    public float? ScoreClippingThresh { get; init; }

    /// <summary>Detections scoring below this are dropped; null: none is.</summary>
    public float? MinScoreThresh { get; init; }
}
