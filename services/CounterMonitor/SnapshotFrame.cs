namespace Hall.CounterMonitor;

/// <summary>The sample frame an alert may keep as its one snapshot (RGB24, the model's input size).</summary>
public sealed record SnapshotFrame(byte[] Rgb, int Width, int Height);
