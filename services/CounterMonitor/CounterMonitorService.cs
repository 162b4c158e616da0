using Hall.Contract.Events;
using Hall.Contract;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Rules;
using Hall.Store;
using Hall.Store.Writer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor;

/// <summary>
/// Counter monitoring's state for the whole hall: one <see cref="CounterWatch"/> per counter camera, one
/// <see cref="CrowdingWatch"/> for the waiting area, the health of every camera, and the queue as its events tell it.
/// Samples (faces counted by the inference worker), camera health and queue events come in; presence (retained),
/// alerts and recorded absences go out. One caller at a time (a gate), so rules see samples in order.
/// What leaves the hall is states, counts and alerts; frames never reach this class except for an opt-in snapshot.
/// </summary>
public sealed class CounterMonitorService : IHallEventHandler, IRetainedStateSource, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IHallPublisher _publisher;
    private readonly HallDatabase _database;
    private readonly HallClock _clock;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<CounterMonitorOptions> _options;
    private readonly CommandWriter _writer;
    private readonly ISnapshotWriter _snapshots;
    private readonly ILogger<CounterMonitorService> _logger;
    private readonly HallView _view = new();
    private readonly Dictionary<string, (CameraDefinition Camera, CounterWatch Watch, CounterRules Rules)> _counterCameras = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CameraDefinition> _waitingCameras = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertMessage> _offline = new(StringComparer.Ordinal);
    private CrowdingWatch _crowding;
    private CrowdingRules _crowdingRules;
    private AlertMessage? _crowdingAlert;
    private AlertMessage? _fault;

    public CounterMonitorService(
        IHallPublisher publisher,
        HallDatabase database,
        HallClock clock,
        TimeProvider time,
        IOptionsMonitor<CounterMonitorOptions> options,
        CommandWriter writer,
        ISnapshotWriter snapshots,
        ILogger<CounterMonitorService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _publisher = publisher;
        _database = database;
        _clock = clock;
        _time = time;
        _options = options;
        _writer = writer;
        _snapshots = snapshots;
        _logger = logger;
        _crowdingRules = CrowdingRulesOf(options.CurrentValue);
        _crowding = new CrowdingWatch(_crowdingRules);
    }

    /// <summary>Why counter monitoring cannot run (a model missing or corrupt), or null when it can.</summary>
    public string? Fault => _fault?.Message;

    /// <summary>Faces the waiting-area cameras see now, or null without such a camera delivering.</summary>
    public int? WaitingAreaFaces => Locked(() => _crowding.Faces);

    /// <summary>Tickets waiting in the hall, as the queue's events told it.</summary>
    public int TicketsWaiting => Locked(() => _view.TotalWaiting);

    /// <summary>Each counter camera's presence now, for the admin page.</summary>
    public IReadOnlyList<PresenceMessage> Presence => Locked(() => _counterCameras.Values.Select(c => PresenceOf(c.Camera, c.Watch)).ToList());

    /// <summary>The alerts that hold now (absences, unattended counters, extra people, crowding, cameras offline, a fault).</summary>
    public IReadOnlyList<AlertMessage> ActiveAlerts => Locked(() =>
    {
        var now = _clock.Now();
        var alerts = new List<AlertMessage>();
        foreach (var (camera, watch, _) in _counterCameras.Values)
        {
            var context = _view.ContextOf(camera.Counter!, InHours(now));
            alerts.AddRange(watch.ActiveAlerts(context, now).Select(a => Stamp(a, now, camera)));
        }

        alerts.AddRange(_offline.Values);
        if (_crowdingAlert is not null)
        {
            alerts.Add(_crowdingAlert);
        }

        if (_fault is not null)
        {
            alerts.Add(_fault);
        }

        return alerts;
    });

    /// <summary>Seeds the queue's view at start, from its snapshot; events keep it current afterwards.</summary>
    public void Seed(IEnumerable<CounterStateMessage> counters, IReadOnlyDictionary<string, int> waiting)
    {
        ArgumentNullException.ThrowIfNull(counters);
        Locked(() =>
        {
            foreach (var counter in counters)
            {
                _view.Counter(counter);
            }

            _view.Waiting(waiting);
            return 0;
        });
    }

    /// <summary>
    /// The cameras to watch changed (start, admin page, settings reload): watches of new counter cameras start with
    /// presence unknown; a removed camera's alerts clear and its counter's presence becomes unknown.
    /// </summary>
    public async Task ConfigureAsync(IReadOnlyList<CameraDefinition> cameras, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        using var held = await HoldAsync(cancellationToken);
        var now = _clock.Now();
        var options = _options.CurrentValue;
        var wanted = cameras.Where(c => c.Enabled).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var alerts = new List<AlertChange>();
        var rules = CounterRulesOf(options);
        foreach (var (id, (camera, watch, watchRules)) in _counterCameras.ToList())
        {
            // Unchanged camera and thresholds: the watch (and its presence) carries on.
            if (wanted.TryGetValue(id, out var same) && same == camera && watchRules == rules with { MaxPeople = camera.MaxPeople })
            {
                continue;
            }

            _counterCameras.Remove(id);
            alerts.AddRange(watch.ActiveAlerts(_view.ContextOf(camera.Counter!, InHours(now)), now).Select(a => a with { Active = false, Message = $"摄像头 {id} 已停用或修改:{a.Message}" }));
            if (!wanted.TryGetValue(id, out var replacement) || replacement.Counter != camera.Counter)
            {
                await _publisher.PublishAsync(Topics.CounterPresence(_publisher.HallId, camera.Counter!), new PresenceMessage { Ts = now, Counter = camera.Counter!, CameraId = id }, retain: true, cancellationToken);
            }
        }

        foreach (var id in _waitingCameras.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
        {
            _waitingCameras.Remove(id);
            _crowding.Forget(id);
        }

        foreach (var id in _offline.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
        {
            var gone = _offline[id];
            _offline.Remove(id);
            alerts.Add(new AlertChange(AlertTypes.CameraOffline, false, $"摄像头 {id} 已移除", gone.Counter, id));
        }

        if (CrowdingRulesOf(options) != _crowdingRules)
        {
            _crowdingRules = CrowdingRulesOf(options);
            _crowding = new CrowdingWatch(_crowdingRules);
            _crowdingAlert = null;
        }

        foreach (var camera in wanted.Values)
        {
            if (camera.Role == CameraRole.WaitingArea)
            {
                _waitingCameras[camera.Id] = camera;
            }
            else if (!_counterCameras.ContainsKey(camera.Id))
            {
                var cameraRules = rules with { MaxPeople = camera.MaxPeople };
                _counterCameras[camera.Id] = (camera, new CounterWatch(camera.Counter!, cameraRules), cameraRules);
                await PublishPresenceAsync(camera, _counterCameras[camera.Id].Watch, now, cancellationToken);
            }
        }

        await EmitAsync(alerts, [], now, null, null, cancellationToken);
    }

    /// <summary>One sample of a camera: <paramref name="faces"/> faces found at <paramref name="at"/>.</summary>
    /// <param name="frame">The sample's RGB frame, kept only when an alert fires and snapshots are on.</param>
    public async Task SampleAsync(CameraDefinition camera, DateTimeOffset at, int faces, SnapshotFrame? frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        using var held = await HoldAsync(cancellationToken);
        var alerts = new List<AlertChange>();
        var absences = new List<AbsenceRecord>();
        if (_counterCameras.TryGetValue(camera.Id, out var entry))
        {
            entry.Watch.Sample(at, faces, _view.ContextOf(entry.Camera.Counter!, InHours(at)), alerts, absences, out var changed);
            if (changed)
            {
                await PublishPresenceAsync(entry.Camera, entry.Watch, at, cancellationToken);
            }
        }
        else if (_waitingCameras.ContainsKey(camera.Id))
        {
            _crowding.Sample(camera.Id, faces);
            if (EvaluateCrowding(at) is { } crowding)
            {
                alerts.Add(crowding);
            }
        }

        await EmitAsync(alerts, absences, at, camera, frame, cancellationToken);
    }

    /// <summary>A camera went offline (once per outage) or came back.</summary>
    public async Task CameraHealthAsync(CameraDefinition camera, bool online, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        using var held = await HoldAsync(cancellationToken);
        var now = _clock.Now();
        var where = camera.Counter is null ? "等候区" : $"{camera.Counter}号窗口";
        var alerts = new List<AlertChange>();
        if (!online && !_offline.ContainsKey(camera.Id))
        {
            var change = new AlertChange(AlertTypes.CameraOffline, true, $"摄像头 {camera.Id}({where})离线:{reason}。请检查摄像头电源、网线和地址", camera.Counter, camera.Id);
            _offline[camera.Id] = Stamp(change, now, camera);
            alerts.Add(change);
            if (_counterCameras.TryGetValue(camera.Id, out var entry))
            {
                entry.Watch.CameraLost();
                await PublishPresenceAsync(camera, entry.Watch, now, cancellationToken);
            }

            _crowding.Forget(camera.Id);
        }
        else if (online && _offline.Remove(camera.Id))
        {
            alerts.Add(new AlertChange(AlertTypes.CameraOffline, false, $"摄像头 {camera.Id}({where})已恢复画面", camera.Counter, camera.Id));
        }

        await EmitAsync(alerts, [], now, camera, null, cancellationToken);
    }

    /// <summary>Counter monitoring cannot run: raised once as a monitor-fault alert; the rest of the box keeps working.</summary>
    public async Task FaultAsync(string message, CancellationToken cancellationToken)
    {
        using var held = await HoldAsync(cancellationToken);
        if (_fault?.Message == message)
        {
            return;
        }

        Log.MonitorFault(_logger, message);
        var now = _clock.Now();
        var change = new AlertChange(AlertTypes.MonitorFault, true, message);
        _fault = Stamp(change, now, null);
        await EmitAsync([change], [], now, null, null, cancellationToken);
    }

    /// <summary>The models loaded after a fault (a technician ran fetch-models.sh): the fault alert clears.</summary>
    public async Task ClearFaultAsync(CancellationToken cancellationToken)
    {
        using var held = await HoldAsync(cancellationToken);
        if (_fault is null)
        {
            return;
        }

        var now = _clock.Now();
        _fault = null;
        await EmitAsync([new AlertChange(AlertTypes.MonitorFault, false, "人脸模型已加载,窗口监控已恢复")], [], now, null, null, cancellationToken);
    }

    /// <summary>Time-based rules between samples: crowding by waiting tickets needs no camera at all.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        using var held = await HoldAsync(cancellationToken);
        var now = _clock.Now();
        var alerts = new List<AlertChange>();
        if (EvaluateCrowding(now) is { } crowding)
        {
            alerts.Add(crowding);
        }

        await EmitAsync(alerts, [], now, null, null, cancellationToken);
    }

    /// <summary>Keeps the queue's view current; a counter that closes or pauses ends an absence at once.</summary>
    public async ValueTask HandleAsync(HallEvent hallEvent, CancellationToken cancellationToken)
    {
        string? counter;
        switch (hallEvent)
        {
            case CounterChanged changed:
                counter = changed.State.Counter;
                break;
            case WaitingChanged:
                counter = null;
                break;
            default:
                return;
        }

        using var held = await HoldAsync(cancellationToken);
        if (hallEvent is CounterChanged c)
        {
            _view.Counter(c.State);
        }
        else if (hallEvent is WaitingChanged w)
        {
            _view.Waiting(w.Waiting);
        }

        var now = _clock.Now();
        var alerts = new List<AlertChange>();
        var absences = new List<AbsenceRecord>();
        foreach (var (camera, watch, _) in _counterCameras.Values.Where(e => counter is null || e.Camera.Counter == counter))
        {
            watch.Evaluate(now, _view.ContextOf(camera.Counter!, InHours(now)), alerts, absences);
        }

        await EmitAsync(alerts, absences, now, null, null, cancellationToken);
    }

    /// <summary>Publishes every watched counter's presence again, retained: the broker keeps retained messages in memory only.</summary>
    public async Task RestoreRetainedAsync(CancellationToken cancellationToken)
    {
        using var held = await HoldAsync(cancellationToken);
        var now = _clock.Now();
        foreach (var (camera, watch, _) in _counterCameras.Values)
        {
            await PublishPresenceAsync(camera, watch, now, cancellationToken);
        }
    }

    /// <summary>Absences recorded between two hall-local days (inclusive), for the window report.</summary>
    public IReadOnlyList<AbsenceRecord> Absences(DateOnly from, DateOnly to)
    {
        using var connection = _database.Open();
        return AbsenceStore.Between(connection, from, to);
    }

    private AlertChange? EvaluateCrowding(DateTimeOffset now)
    {
        var change = _crowding.Evaluate(now, _view.TotalWaiting, _view.OpenCounters, _view.Suggestion());
        if (change is not null)
        {
            _crowdingAlert = change.Active ? Stamp(change, now, null) : null;
        }

        return change;
    }

    /// <summary>
    /// Records the alerts and finished absences in one transaction (outbox for the hub, absences for the report),
    /// then publishes the alerts and raises the absences as events.
    /// </summary>
    private async Task EmitAsync(List<AlertChange> changes, List<AbsenceRecord> absences, DateTimeOffset at, CameraDefinition? camera, SnapshotFrame? frame, CancellationToken cancellationToken)
    {
        if (changes.Count == 0 && absences.Count == 0)
        {
            return;
        }

        var now = _clock.Local(at);
        var options = _options.CurrentValue;
        var alerts = new List<AlertMessage>();
        foreach (var change in changes)
        {
            var alert = Stamp(change, now, camera);
            if (change.Active && frame is not null && options.KeepSnapshots && change.Type != AlertTypes.CameraOffline)
            {
                alert = alert with { Snapshot = await _snapshots.WriteAsync(frame, alert, cancellationToken) };
            }

            alerts.Add(alert);
        }

        if (alerts.Count == 0 && absences.Count == 0)
        {
            return;
        }

        // Alerts go to the alert board and absences to the assessment, both after this commit.
        await _writer.SubmitAsync(
            new DelegateCommand("counter-monitor", context =>
            {
                foreach (var alert in alerts)
                {
                    // The snapshot's path stays in the hall: the hub gets the alert without it.
                    context.Record(nameof(AlertRaised), new AlertRaised(now, alert with { Snapshot = null }), now);
                    context.Raise(new AlertRaised(now, alert), record: false);
                }

                foreach (var absence in absences)
                {
                    AbsenceStore.Add(context.Transaction, absence, _clock);
                    context.Raise(EventOf(absence, now));
                }

                return null;
            }),
            cancellationToken);
    }

    private AbsenceRecorded EventOf(AbsenceRecord absence, DateTimeOffset now) =>
        new(now, absence.Counter, absence.StaffId, absence.StaffName, _clock.Local(absence.Start), _clock.Local(absence.End));

    private Task PublishPresenceAsync(CameraDefinition camera, CounterWatch watch, DateTimeOffset now, CancellationToken cancellationToken) =>
        _publisher.PublishAsync(Topics.CounterPresence(_publisher.HallId, camera.Counter!), PresenceOf(camera, watch, now), retain: true, cancellationToken);

    private PresenceMessage PresenceOf(CameraDefinition camera, CounterWatch watch, DateTimeOffset? now = null) => new()
    {
        Ts = _clock.Local(now ?? _time.GetUtcNow()),
        Counter = camera.Counter!,
        Present = watch.Presence.Present,
        Since = watch.Presence.Present is null ? null : _clock.Local(watch.Presence.Since),
        Confidence = Math.Round(watch.Presence.Confidence, 2),
        Faces = watch.Presence.Faces,
        CameraId = camera.Id,
    };

    private AlertMessage Stamp(AlertChange change, DateTimeOffset now, CameraDefinition? camera) => new()
    {
        Ts = _clock.Local(now),
        Type = change.Type,
        Message = change.Message,
        Counter = change.Counter ?? camera?.Counter,
        CameraId = change.CameraId ?? camera?.Id,
        Active = change.Active,
    };

    private bool InHours(DateTimeOffset at) =>
        !OpeningHours.TryParse(_options.CurrentValue.OpeningHours, out var hours, out _) || hours.Contains(TimeOnly.FromDateTime(_clock.Local(at).DateTime));

    private static CounterRules CounterRulesOf(CounterMonitorOptions options) =>
        new(options.SamplesToFlip, options.AbsentAfter, options.UnattendedAfter, 1, options.ExtraPeopleAfter);

    private static CrowdingRules CrowdingRulesOf(CounterMonitorOptions options) =>
        new(options.CrowdingFaces, options.CrowdingWaitingPerCounter, options.CrowdingAfter);

    public void Dispose() => _gate.Dispose();

    /// <summary>Takes the gate: one caller at a time, so the rules see samples, health and queue events in order.</summary>
    private async Task<Held> HoldAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Held(_gate);
    }

    private T Locked<T>(Func<T> read)
    {
        _gate.Wait();
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    private readonly struct Held(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
