namespace Hall.CounterMonitor;

/// <summary>Keeps an alert's one small snapshot in the hall (only with CounterMonitor:KeepSnapshots on).</summary>
public interface ISnapshotWriter
{
    /// <summary>Writes the frame; returns the file's name, or null when it could not be written (the alert goes out anyway).</summary>
    Task<string?> WriteAsync(SnapshotFrame frame, AlertMessage alert, CancellationToken cancellationToken);
}
