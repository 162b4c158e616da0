using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor.Pipeline;

/// <summary>
/// Writes an alert's one small snapshot as a JPEG with ffmpeg, into CounterMonitor:SnapshotDirectory (in the hall),
/// and deletes snapshots older than CounterMonitor:SnapshotRetention. Only called with KeepSnapshots on.
/// </summary>
public sealed class FfmpegSnapshotWriter(IOptions<CounterMonitorOptions> options, TimeProvider time, ILogger<FfmpegSnapshotWriter> logger) : ISnapshotWriter
{
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
            var info = new ProcessStartInfo("ffmpeg")
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{frame.Width}x{frame.Height}", "-i", "pipe:0", "-frames:v", "1", "-q:v", "5", "-y", Path.Combine(directory, name) })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info) ?? throw new IOException("ffmpeg did not start");
            await process.StandardInput.BaseStream.WriteAsync(frame.Rgb, cancellationToken);
            process.StandardInput.Close();
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new IOException($"ffmpeg exited {process.ExitCode}: {errors.Trim()}");
            }

            return name;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
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
