namespace Hall.Vision;

/// <summary>
/// What a BlazeFace ONNX model file is and how MediaPipe decodes it: file, hash, input, output tensors, anchors,
/// decoding and suppression. <see cref="Front"/> is for the counter cameras, <see cref="Back"/> for the waiting area.
/// The files come from provisioning/models/models.tsv via provisioning/scripts/fetch-models.sh.
/// </summary>
public sealed record BlazeFaceModel
{
    /// <summary>Short name for logs and messages.</summary>
    public required string Name { get; init; }

    /// <summary>File name in the models folder (as in models.tsv).</summary>
    public required string FileName { get; init; }

    /// <summary>Expected SHA-256 of the file, lower-case hex; null skips the check.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Square input side in pixels; the tensor is NHWC [1, size, size, 3] float RGB.</summary>
    public required int InputSize { get; init; }

    public required string InputName { get; init; }

    /// <summary>Pixel value 0 maps to this...</summary>
    public float InputMin { get; init; } = -1.0f;

    /// <summary>...and 255 to this. MediaPipe feeds BlazeFace [-1, 1]; on the astronaut photo it also scored best.</summary>
    public float InputMax { get; init; } = 1.0f;

    /// <summary>Score tensor names ([1, n, 1]), one per anchor group, in anchor order.</summary>
    public required IReadOnlyList<string> ScoreOutputNames { get; init; }

    /// <summary>Box tensor names ([1, n, NumCoords]), paired with <see cref="ScoreOutputNames"/>.</summary>
    public required IReadOnlyList<string> BoxOutputNames { get; init; }

    public required SsdAnchorOptions Anchors { get; init; }

    public required TensorsToDetectionsOptions Decoding { get; init; }

    /// <summary>IoU above which detections merge in the weighted non-max suppression.</summary>
    public float MinSuppressionThreshold { get; init; } = 0.3f;

    /// <summary>MediaPipe's short-range face detector (face_detection_front), 128×128, for faces within ~2 m.</summary>
    public static BlazeFaceModel Front { get; } = Create(
        name: "blazeface-front-128",
        fileName: "face_detection_front_128x128_barracuda.onnx",
        sha256: "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51",
        inputSize: 128,
        minScale: 0.1484375f,
        strides: [8, 16, 16, 16],
        minScoreThresh: 0.5f);

    /// <summary>MediaPipe's back-camera face detector (face_detection_back), 256×256, for smaller, farther faces.</summary>
    public static BlazeFaceModel Back { get; } = Create(
        name: "blazeface-back-256",
        fileName: "face_detection_back_256x256_barracuda.onnx",
        sha256: "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2",
        inputSize: 256,
        minScale: 0.15625f,
        strides: [16, 32, 32, 32],
        minScoreThresh: 0.65f);

    private static BlazeFaceModel Create(
        string name, string fileName, string sha256, int inputSize, float minScale, int[] strides, float minScoreThresh) =>
        new()
        {
            Name = name,
            FileName = fileName,
            Sha256 = sha256,
            InputSize = inputSize,
            InputName = "input:0",
            // The Barracuda export splits MediaPipe's 896 anchors into the stride-8 (or 16) group and the rest.
            ScoreOutputNames = ["Identity:0", "Identity_1:0"],
            BoxOutputNames = ["Identity_2:0", "Identity_3:0"],
            Anchors = new SsdAnchorOptions
            {
                InputSizeWidth = inputSize,
                InputSizeHeight = inputSize,
                MinScale = minScale,
                MaxScale = 0.75f,
                AnchorOffsetX = 0.5f,
                AnchorOffsetY = 0.5f,
                NumLayers = 4,
                Strides = strides,
                AspectRatios = [1.0f],
                FixedAnchorSize = true,
                InterpolatedScaleAspectRatio = 1.0f,
            },
            Decoding = new TensorsToDetectionsOptions
            {
                NumCoords = 16,
                BoxCoordOffset = 0,
                KeypointCoordOffset = 4,
                NumKeypoints = 6,
                NumValuesPerKeypoint = 2,
                ReverseOutputOrder = true,
                XScale = inputSize,
                YScale = inputSize,
                WScale = inputSize,
                HScale = inputSize,
                SigmoidScore = true,
                ScoreClippingThresh = 100.0f,
                MinScoreThresh = minScoreThresh,
            },
            MinSuppressionThreshold = 0.3f,
        };
}
