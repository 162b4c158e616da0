using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;

namespace Hall.Vision;

/// <summary>
/// BlazeFace on ONNX Runtime, decoded as MediaPipe does (SSD anchors, sigmoid scores, weighted non-max suppression).
/// One session per instance, on one thread, without spinning, so it leaves the box's other core to ffmpeg and the host.
/// Input and output tensors are allocated once and reused; a frame allocates little beyond the faces it returns.
/// Not thread-safe: call <see cref="Detect"/> from one inference worker thread only.
/// </summary>
public sealed class BlazeFaceDetector : IFaceDetector, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly float[] _input;
    private readonly OrtValue[] _inputValues;
    private readonly float[][] _outputs;
    private readonly OrtValue[] _outputValues;
    private readonly SsdAnchor[] _anchors;
    private readonly int[] _groupAnchorStart;
    private readonly float[] _pixelToInput = new float[256];
    private readonly List<FaceDetection> _candidates = [];
    private bool _disposed;

    /// <summary>
    /// Loads the model at <paramref name="modelPath"/> described by <paramref name="model"/> (e.g. <see cref="BlazeFaceModel.Front"/>).
    /// </summary>
    /// <exception cref="FaceModelException">The file is missing, unreadable, damaged, of the wrong version, or not this model.</exception>
    public BlazeFaceDetector(string modelPath, BlazeFaceModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        ModelPath = Path.GetFullPath(modelPath);
        _anchors = SsdAnchors.Generate(model.Anchors);

        var bytes = ReadVerified(ModelPath, model);
        _session = CreateSession(ModelPath, model, bytes);
        try
        {
            _runOptions = new RunOptions();
            _groupAnchorStart = CheckShapes(_session, ModelPath, model, _anchors.Length, out var groupSizes);
            var size = model.InputSize;
            _inputNames = [model.InputName];
            _input = new float[size * size * 3];
            _inputValues = [OrtValue.CreateTensorValueFromMemory(_input, [1, size, size, 3])];

            var groups = model.ScoreOutputNames.Count;
            _outputNames = [.. model.ScoreOutputNames, .. model.BoxOutputNames];
            _outputs = new float[groups * 2][];
            _outputValues = new OrtValue[groups * 2];
            for (var g = 0; g < groups; g++)
            {
                _outputs[g] = new float[groupSizes[g]];
                _outputValues[g] = OrtValue.CreateTensorValueFromMemory(_outputs[g], [1, groupSizes[g], 1]);
                var coords = model.Decoding.NumCoords;
                _outputs[groups + g] = new float[groupSizes[g] * coords];
                _outputValues[groups + g] = OrtValue.CreateTensorValueFromMemory(_outputs[groups + g], [1, groupSizes[g], coords]);
            }
        }
        catch
        {
            DisposeNative();
            throw;
        }

        var scale = (model.InputMax - model.InputMin) / 255.0f;
        for (var v = 0; v < 256; v++)
        {
            _pixelToInput[v] = model.InputMin + (v * scale);
        }
    }

    public BlazeFaceModel Model { get; }

    /// <summary>Full path of the loaded model file.</summary>
    public string ModelPath { get; }

    public int InputWidth => Model.InputSize;

    public int InputHeight => Model.InputSize;

    public IReadOnlyList<FaceDetection> Detect(ReadOnlySpan<byte> rgb24)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rgb24.Length != _input.Length)
        {
            throw new ArgumentException(
                $"{Model.Name} takes a {Model.InputSize}x{Model.InputSize} RGB24 frame ({_input.Length} bytes), got {rgb24.Length} bytes.",
                nameof(rgb24));
        }

        var input = _input.AsSpan();
        var table = _pixelToInput.AsSpan();
        for (var i = 0; i < rgb24.Length; i++)
        {
            input[i] = table[rgb24[i]];
        }

        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);

        _candidates.Clear();
        var groups = Model.ScoreOutputNames.Count;
        for (var g = 0; g < groups; g++)
        {
            var scores = _outputs[g];
            var anchors = _anchors.AsSpan(_groupAnchorStart[g], scores.Length);
            TensorsToDetections.Decode(scores, _outputs[groups + g], anchors, Model.Decoding, _candidates);
        }

        return _candidates.Count == 0
            ? []
            : WeightedNonMaxSuppression.Apply(_candidates, Model.MinSuppressionThreshold);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DisposeNative();
    }

    private void DisposeNative()
    {
        foreach (var value in (_inputValues ?? []).Concat(_outputValues ?? []))
        {
            value?.Dispose();
        }

        _session.Dispose();
        _runOptions?.Dispose(); // null when the constructor failed before creating it
    }

    private static string FetchHint(BlazeFaceModel model) =>
        $"Run provisioning/scripts/fetch-models.sh to fetch and check {model.FileName}.";

    private static byte[] ReadVerified(string path, BlazeFaceModel model)
    {
        if (!File.Exists(path))
        {
            throw new FaceModelException(path, $"Face model '{model.Name}' is missing: {path} does not exist. {FetchHint(model)}");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceModelException(path, $"Face model '{model.Name}' at {path} cannot be read: {ex.Message} {FetchHint(model)}", ex);
        }

        if (model.Sha256 is { } expected)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                var what = bytes.Length == 0 ? "is empty" : $"has SHA-256 {actual} ({bytes.Length} bytes)";
                throw new FaceModelException(
                    path,
                    $"Face model '{model.Name}' at {path} is damaged or not the expected version: the file {what}, expected SHA-256 {expected}. {FetchHint(model)}");
            }
        }

        return bytes;
    }

    private static InferenceSession CreateSession(string path, BlazeFaceModel model, byte[] bytes)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            // These exports carry unused initializers that ONNX Runtime warns about on every load.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            LogId = model.Name,
        };

        // Spinning threads would burn the second core between frames that come a few times a second.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        try
        {
            return new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceModelException(
                path, $"Face model '{model.Name}' at {path} is damaged: ONNX Runtime cannot load it ({ex.Message}). {FetchHint(model)}", ex);
        }
    }

    /// <summary>Checks the session has the tensors the spec names; returns where each output group starts among the anchors.</summary>
    private static int[] CheckShapes(InferenceSession session, string path, BlazeFaceModel model, int anchorCount, out int[] groupSizes)
    {
        FaceModelException Wrong(string what) => new(
            path, $"Face model '{model.Name}' at {path} is not the expected model: {what}. {FetchHint(model)}");

        var size = model.InputSize;
        if (!session.InputMetadata.TryGetValue(model.InputName, out var input)
            || input.ElementType != typeof(float)
            || !input.Dimensions.SequenceEqual([1, size, size, 3]))
        {
            var found = string.Join(", ", session.InputMetadata.Select(i => $"{i.Key} [{string.Join(",", i.Value.Dimensions)}]"));
            throw Wrong($"expected input {model.InputName} float [1,{size},{size},3], found {found}");
        }

        if (model.ScoreOutputNames.Count != model.BoxOutputNames.Count)
        {
            throw new ArgumentException($"{model.Name}: score and box output names must pair up.", nameof(model));
        }

        var groups = model.ScoreOutputNames.Count;
        groupSizes = new int[groups];
        var starts = new int[groups];
        var total = 0;
        for (var g = 0; g < groups; g++)
        {
            var scores = Output(model.ScoreOutputNames[g]);
            var boxes = Output(model.BoxOutputNames[g]);
            if (scores.Length != 3 || scores[2] != 1 || boxes.Length != 3 || boxes[2] != model.Decoding.NumCoords
                || scores[1] <= 0 || scores[1] != boxes[1])
            {
                throw Wrong($"outputs {model.ScoreOutputNames[g]} [{string.Join(",", scores)}] and {model.BoxOutputNames[g]} "
                    + $"[{string.Join(",", boxes)}] are not [1,n,1] and [1,n,{model.Decoding.NumCoords}]");
            }

            starts[g] = total;
            groupSizes[g] = scores[1];
            total += scores[1];
        }

        if (total != anchorCount)
        {
            throw Wrong($"its outputs cover {total} anchors, the spec makes {anchorCount}");
        }

        return starts;

        int[] Output(string name) => session.OutputMetadata.TryGetValue(name, out var meta) && meta.ElementType == typeof(float)
            ? meta.Dimensions
            : throw Wrong($"it has no float output {name} (outputs: {string.Join(", ", session.OutputMetadata.Keys)})");
    }
}
