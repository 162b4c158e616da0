namespace Hall.Devices.HallSimulator;

/// <summary>Maps the simulated hall's time onto the injected clock, sped up by the time scale.</summary>
internal sealed class HallClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly double _scale;

    public HallClock(TimeProvider time, double scale)
    {
        _time = time;
        _scale = scale;
        _start = time.GetUtcNow();
    }

    /// <summary>Hall time since the run started.</summary>
    public TimeSpan Elapsed => (_time.GetUtcNow() - _start) * _scale;

    public TimeSpan RealElapsed => _time.GetUtcNow() - _start;

    public DateTimeOffset Now => _time.GetUtcNow();

    public Task WaitAsync(TimeSpan hallTime, CancellationToken cancellationToken) =>
        hallTime <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(hallTime / _scale, _time, cancellationToken);

    public Task WaitUntilAsync(TimeSpan hallOffset, CancellationToken cancellationToken) => WaitAsync(hallOffset - Elapsed, cancellationToken);
}
