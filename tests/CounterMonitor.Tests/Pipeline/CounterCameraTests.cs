using Hall.Contract;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Rules;

namespace Hall.CounterMonitor.Tests.Pipeline;

/// <summary>
/// A counter camera watched end to end (ffmpeg → BlazeFace → rules) on videos of a real face and an empty counter.
/// Samples are 2 per second, so "± one sample" is ± 0.5 s of video time.
/// </summary>
public sealed class CounterCameraTests(CounterVideos videos) : IClassFixture<CounterVideos>
{
    private static readonly TimeSpan OneSample = TimeSpan.FromMilliseconds(500);

    private static CounterMonitorOptions Options() => new() { OpeningHours = string.Empty, AbsentAfter = TimeSpan.FromSeconds(20), UnattendedAfter = TimeSpan.FromMinutes(10) };

    private static CameraDefinition Camera(string source) => new() { Id = "cam-3", Source = source, Counter = "3" };

    [Fact]
    public async Task Presence_flips_when_the_face_leaves_and_when_it_comes_back()
    {
        using var rig = new MonitorRig(Options());
        rig.Counter("3", "open");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var samples = await rig.PlayAsync(Camera(videos.FaceAwayFace), timeout.Token);

        Assert.InRange(samples, 59, 61);
        var flips = rig.Publisher.Presence.Where(p => p.Present is not null).ToList();
        Assert.Equal([true, false, true], flips.Select(p => p.Present!.Value));
        AssertNear(rig.Start, flips[0].Since!.Value);
        AssertNear(rig.Start + TimeSpan.FromSeconds(10), flips[1].Since!.Value);
        AssertNear(rig.Start + TimeSpan.FromSeconds(20), flips[2].Since!.Value);

        // Hysteresis: each flip is published on the third agreeing sample, one second after the change.
        AssertNear(rig.Start + TimeSpan.FromSeconds(11), flips[1].Ts);
        Assert.All(flips, p => Assert.Equal("3", p.Counter));
        Assert.True(rig.Publisher.Published.Where(p => p.Payload is PresenceMessage).All(p => p.Retain && p.Topic == "hall/t1/counter/3/presence"));
    }

    [Fact]
    public async Task The_absence_alert_fires_once_after_the_threshold_and_clears_on_return()
    {
        using var rig = new MonitorRig(Options());
        rig.Counter("3", "open");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await rig.PlayAsync(Camera(videos.LongAbsence), timeout.Token);

        var absent = rig.Publisher.Alerts.Where(a => a.Type == AlertTypes.StaffAbsent).ToList();
        Assert.Equal(2, absent.Count);
        var (raised, cleared) = (absent[0], absent[1]);
        Assert.True(raised.Active);
        Assert.False(cleared.Active);
        Assert.Equal("3", raised.Counter);
        Assert.Equal("cam-3", raised.CameraId);
        Assert.Contains("张三", raised.Message, StringComparison.Ordinal);

        // Away from 5 s, threshold 20 s: the alert comes at 25 s of video, not before.
        AssertNear(rig.Start + TimeSpan.FromSeconds(25), raised.Ts);
        AssertNear(rig.Start + TimeSpan.FromSeconds(46), cleared.Ts);

        var absence = Assert.Single(rig.Service.Absences(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23)));
        Assert.InRange(absence.Duration, TimeSpan.FromSeconds(40) - OneSample, TimeSpan.FromSeconds(40) + OneSample);
        Assert.Equal("s01", absence.StaffId);
        Assert.Contains(rig.Publisher.Events, e => e is Contract.Events.AbsenceRecorded { Counter: "3" });

        // By default no frame is written to disk.
        Assert.False(Directory.Exists(rig.Options.SnapshotDirectory));
    }

    [Fact]
    public async Task No_absence_alert_while_the_counter_is_paused()
    {
        using var rig = new MonitorRig(Options());
        rig.Counter("3", "paused");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await rig.PlayAsync(Camera(videos.LongAbsence), timeout.Token);

        Assert.DoesNotContain(rig.Publisher.Alerts, a => a.Type == AlertTypes.StaffAbsent);
        Assert.Empty(rig.Service.Absences(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23)));
        Assert.Contains(rig.Publisher.Presence, p => p.Present == false);
    }

    [Fact]
    public async Task With_snapshots_on_the_alert_keeps_one_small_picture_in_the_hall()
    {
        var options = Options();
        options.KeepSnapshots = true;
        using var rig = new MonitorRig(options);
        rig.Counter("3", "open");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await rig.PlayAsync(Camera(videos.LongAbsence), timeout.Token);

        var raised = Assert.Single(rig.Publisher.Alerts, a => a is { Type: AlertTypes.StaffAbsent, Active: true });
        Assert.NotNull(raised.Snapshot);
        var file = new FileInfo(Path.Combine(rig.Options.SnapshotDirectory, raised.Snapshot));
        Assert.True(file.Exists);
        Assert.InRange(file.Length, 1, 20_000);
        Assert.Single(Directory.GetFiles(rig.Options.SnapshotDirectory));
    }

    private static void AssertNear(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.InRange(actual, expected - OneSample, expected + OneSample);
}
