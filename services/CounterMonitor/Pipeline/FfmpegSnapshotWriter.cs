using System.Globalization;
using Hall.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>
/// Writes an alert's one small snapshot as a JPEG with ffmpeg, into CounterMonitor:SnapshotDirectory (in the hall),
/// and deletes snapshots older than CounterMonitor:SnapshotRetention. Only called with KeepSnapshots on.
/// </summary>
public sealed class FfmpegSnapshotWriter(IOptions<CounterMonitorOptions> options, TimeProvider time, ILogger<FfmpegSnapshotWriter> logger) : ISnapshotWriter
{
    /// <summary>One small JPEG takes milliseconds; a run this long is a stuck ffmpeg, killed so alerts keep flowing.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(30);

    public async Task<string?> WriteAsync(SnapshotFrame frame, AlertMessage alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(alert);
        var directory = options.Value.SnapshotDirectory;
        try
        {
            Directory.CreateDirectory(directory);
            Prune(directory);
            var name = string.Create(CultureInfo.InvariantCulture, $"{alert.Ts:yyyyMMdd-HHmmss}-{alert.Type}-{alert.CameraId ?? "hall"}.jpg");
            string[] arguments =
            [
                "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{frame.Width}x{frame.Height}",
                "-i", "pipe:0", "-frames:v", "1", "-q:v", "5", "-y", Path.Combine(directory, name),
            ];
            var command = new MediaCommand("ffmpeg", arguments) { StandardInput = frame.Rgb };
            (await MediaProcess.RunAsync(command, RunLimit, time, cancellationToken)).ThrowIfFailed();
            return name;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MediaStartException or MediaProcessException)
        {
            Log.SnapshotFailed(logger, alert.Type, ex);
            return null;
        }
    }

    private void Prune(string directory)
    {
        var cutoff = time.GetUtcNow() - options.Value.SnapshotRetention;
        foreach (var file in Directory.EnumerateFiles(directory, "*.jpg"))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff.UtcDateTime)
            {
                File.Delete(file);
            }
        }
    }
}
