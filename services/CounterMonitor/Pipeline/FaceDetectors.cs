using Hall.Vision;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>
/// The two BlazeFace models, one ONNX Runtime session each, shared by every camera through the one inference worker:
/// front (128×128) for counter cameras, back (256×256) for the waiting area. Used from the worker's thread only.
/// </summary>
public sealed class FaceDetectors : IDisposable
{
    private readonly string _directory;
    private BlazeFaceDetector? _front;
    private BlazeFaceDetector? _back;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FaceDetectors(IOptions<CounterMonitorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.Value.ModelDirectory;
    }

    public bool Ready => _front is not null && _back is not null;

    public string Directory => _directory;

    /// <summary>Completes once both models are loaded: cameras start only then, so a box without models runs no ffmpeg.</summary>
    public Task WhenReady => _ready.Task;

    public IFaceDetector Front => _front ?? throw new InvalidOperationException("The face models are not loaded.");

    public IFaceDetector Back => _back ?? throw new InvalidOperationException("The face models are not loaded.");

    /// <summary>Loads both models; on failure returns a message a technician can act on and keeps nothing loaded.</summary>
    public bool TryLoad(out string? error)
    {
        error = null;
        if (Ready)
        {
            return true;
        }

        try
        {
            _front ??= new BlazeFaceDetector(Path.Combine(_directory, BlazeFaceModel.Front.FileName), BlazeFaceModel.Front);
            _back ??= new BlazeFaceDetector(Path.Combine(_directory, BlazeFaceModel.Back.FileName), BlazeFaceModel.Back);
            _ready.TrySetResult();
            return true;
        }
        catch (FaceModelException ex)
        {
            error = $"人脸模型不可用,窗口监控已停止(其余功能正常):{ex.Message}";
            Dispose();
            return false;
        }
    }

    public void Dispose()
    {
        _front?.Dispose();
        _back?.Dispose();
        _front = null;
        _back = null;
    }
}
