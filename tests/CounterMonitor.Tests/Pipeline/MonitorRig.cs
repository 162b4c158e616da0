using System.Threading.Channels;
using Hall.CounterMonitor.Cameras;
using Hall.CounterMonitor.Pipeline;
using Hall.CounterMonitor.Video;
using Hall.Store;
using Hall.Store.Alerts;
using Hall.Store.Writer;
using Hall.Tests.Shared;
using Hall.Vision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CounterMonitor.Tests.Pipeline;

/// <summary>
/// Counter monitoring end to end without the host: the real ffmpeg reads a video file as fast as it can, the real
/// BlazeFace counts faces, the real service applies the rules and writes to a real SQLite store. Time is the video's
/// own (file samples are stamped start + position), starting at 09:00 hall time on a Monday.
/// </summary>
internal sealed class MonitorRig : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-rig-" + Guid.NewGuid().ToString("N")[..12]);

    public MonitorRig(CounterMonitorOptions options)
    {
        Directory.CreateDirectory(_directory);
        options.SnapshotDirectory = Path.Combine(_directory, "snapshots");
        Options = options;
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        Clock = new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Time);
        Database = new HallDatabase(Path.Combine(_directory, "hall.db"));
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new CounterMonitorMigrations().Migrations), Time.GetUtcNow());
        var snapshots = new FfmpegSnapshotWriter(Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<FfmpegSnapshotWriter>.Instance);
        // As in the box: alerts go to the alert board, which publishes them; events reach the listeners after the commit.
        AlertBoard? board = null;
        Writer = RunningWriter.StartAsync(Database, Time, () => [board!, Publisher], Publisher).GetAwaiter().GetResult();
        board = new AlertBoard(Writer.Writer, Publisher, Database, NullLogger<AlertBoard>.Instance);
        Service = new CounterMonitorService(Publisher, Database, Clock, Time, new FixedOptions(options), Writer.Writer, snapshots, NullLogger<CounterMonitorService>.Instance);
    }

    public string DataDirectory => _directory;

    public CounterMonitorOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public HallClock Clock { get; }

    public HallDatabase Database { get; }

    public RecordingPublisher Publisher { get; } = new();

    public CounterMonitorService Service { get; }

    public RunningWriter Writer { get; }

    public DateTimeOffset Start => Time.GetUtcNow();

    /// <summary>The queue says counter <paramref name="counter"/> is in this state, serving category A.</summary>
    public void Counter(string counter, string status, int waiting = 0) =>
        Service.Seed(
            [new CounterStateMessage { Ts = Start, Counter = counter, Status = status, StaffId = "s01", StaffName = "张三", Since = Start, Categories = ["A"] }],
            new Dictionary<string, int> { ["A"] = waiting });

    /// <summary>Plays the whole file through camera <paramref name="camera"/>; returns the samples taken.</summary>
    public async Task<int> PlayAsync(CameraDefinition camera, CancellationToken cancellationToken)
    {
        await Service.ConfigureAsync([camera], cancellationToken);
        using var detector = new BlazeFaceDetector(ModelFiles.PathOf(BlazeFaceModel.Front), BlazeFaceModel.Front);
        var frames = Channel.CreateUnbounded<VideoFrame>();
        await using var feed = new CameraFeed(
            new CameraFeedOptions { CameraId = camera.Id, Source = camera.Source, SampleRate = camera.SampleRate, Pace = FramePace.AsFastAsPossible },
            frames.Writer,
            Time);
        var run = feed.RunAsync(cancellationToken).ContinueWith(_ => frames.Writer.Complete(), TaskScheduler.Default);
        var clock = new SampleClock();
        var samples = 0;
        await foreach (var frame in frames.Reader.ReadAllAsync(cancellationToken))
        {
            var faces = detector.Detect(frame.Rgb);
            await Service.SampleAsync(camera, clock.TimeOf(camera, frame), faces.Count(f => f.Score >= Options.MinFaceScore), new SnapshotFrame(frame.Rgb, frame.Width, frame.Height), cancellationToken);
            samples++;
        }

        await run;
        await Writer.SettledAsync();
        return samples;
    }

    public void Dispose()
    {
        Service.Dispose();
        Writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class FixedOptions(CounterMonitorOptions value) : IOptionsMonitor<CounterMonitorOptions>
    {
        public CounterMonitorOptions CurrentValue => value;

        public CounterMonitorOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CounterMonitorOptions, string?> listener) => null;
    }
}
