using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Cameras;

/// <summary>
/// The hall's cameras: those in the settings file (CounterMonitor:Cameras, re-read when the file changes) and those
/// added on the admin page (stored). <see cref="Changed"/> fires after any change, so the supervisor applies it
/// without a restart. A settings camera wins over a stored one with the same id.
/// </summary>
public sealed class CameraCatalog : IDisposable
{
    private readonly CameraStore _store;
    private readonly TimeProvider _time;
    private readonly IDisposable? _subscription;
    private readonly Lock _lock = new();
    private IReadOnlyList<CameraDefinition> _fromSettings;
    private IReadOnlyList<CameraDefinition> _stored = [];

    public CameraCatalog(CameraStore store, IOptionsMonitor<CounterMonitorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _fromSettings = FromSettings(options.CurrentValue);
        _subscription = options.OnChange(o =>
        {
            // A camera with problems in a reloaded file is skipped rather than started; the others apply.
            var cameras = FromSettings(o);
            lock (_lock)
            {
                _fromSettings = cameras;
            }

            Changed?.Invoke(this, EventArgs.Empty);
        });
    }

    public event EventHandler? Changed;

    /// <summary>Reads the stored cameras (after the migrations ran).</summary>
    public void Load()
    {
        var stored = _store.Load();
        lock (_lock)
        {
            _stored = stored;
        }
    }

    public IReadOnlyList<CameraDefinition> All
    {
        get
        {
            lock (_lock)
            {
                var ids = _fromSettings.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
                return _fromSettings.Concat(_stored.Where(c => !ids.Contains(c.Id))).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
            }
        }
    }

    public CameraDefinition? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    public CameraResult Add(CameraDefinition camera) => Save(camera, isNew: true);

    public CameraResult Update(CameraDefinition camera) => Save(camera, isNew: false);

    public CameraResult Remove(string id)
    {
        if (IsInSettings(id))
        {
            return InSettings(id);
        }

        if (!_store.Delete(id, _time.GetUtcNow()))
        {
            return CameraResult.Refused(ErrorCodes.UnknownCamera, $"没有编号为 {id} 的摄像头");
        }

        Load();
        Changed?.Invoke(this, EventArgs.Empty);
        return CameraResult.Done;
    }

    public void Dispose() => _subscription?.Dispose();

    private CameraResult Save(CameraDefinition camera, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(camera);
        camera = camera with { FromSettings = false };
        var problems = camera.Problems();
        if (problems.Count > 0)
        {
            return CameraResult.Refused(ErrorCodes.InvalidField, string.Join("; ", problems));
        }

        if (IsInSettings(camera.Id))
        {
            return InSettings(camera.Id);
        }

        if (camera is { Role: CameraRole.Counter, Enabled: true }
            && All.FirstOrDefault(c => c.Id != camera.Id && c.Enabled && c.Role == CameraRole.Counter && c.Counter == camera.Counter) is { } other)
        {
            return CameraResult.Refused(ErrorCodes.InvalidField, $"{camera.Counter}号窗口已有摄像头 {other.Id};一个窗口只接一台摄像头,请先停用或删除它");
        }

        if (!isNew && Find(camera.Id) is null)
        {
            return CameraResult.Refused(ErrorCodes.UnknownCamera, $"没有编号为 {camera.Id} 的摄像头");
        }

        if (!_store.Save(camera, mustBeNew: isNew, _time.GetUtcNow()))
        {
            return CameraResult.Refused(ErrorCodes.CameraExists, $"编号 {camera.Id} 已被另一台摄像头使用,请换一个编号");
        }

        Load();
        Changed?.Invoke(this, EventArgs.Empty);
        return CameraResult.Done;
    }

    private bool IsInSettings(string id)
    {
        lock (_lock)
        {
            return _fromSettings.Any(c => c.Id == id);
        }
    }

    private static CameraResult InSettings(string id) =>
        CameraResult.Refused(ErrorCodes.CameraInSettings, $"摄像头 {id} 写在盒子的设置文件里(CounterMonitor:Cameras),请在设置文件中修改;保存后无需重启即生效");

    private static List<CameraDefinition> FromSettings(CounterMonitorOptions options) =>
        options.Cameras.Select(c => c.ToDefinition()).Where(c => c.Problems().Count == 0).ToList();
}
