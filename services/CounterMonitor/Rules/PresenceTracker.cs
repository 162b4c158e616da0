namespace Hall.CounterMonitor.Rules;

/// <summary>
/// Staff presence at one counter, from the counter camera's samples, with hysteresis: the state flips only after
/// <c>samplesToFlip</c> consecutive samples disagree with it, so one missed detection (a turned head, a hand in
/// front of the face) does not flip it. The new state dates from the first sample of the run that flipped it.
/// </summary>
public sealed class PresenceTracker
{
    private readonly int _samplesToFlip;
    private readonly Queue<bool> _recent = new();
    private int _streak;
    private DateTimeOffset _streakStart;
    private bool _streakValue;

    public PresenceTracker(int samplesToFlip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesToFlip, 1);
        _samplesToFlip = samplesToFlip;
    }

    /// <summary>True present, false away, null before enough samples have been seen to say.</summary>
    public bool? Present { get; private set; }

    public DateTimeOffset Since { get; private set; }

    /// <summary>How many faces the last sample saw.</summary>
    public int Faces { get; private set; }

    /// <summary>Share of the recent samples (twice the flip run) that agree with the state, 0–1.</summary>
    public double Confidence => _recent.Count == 0 || Present is null ? 0 : (double)_recent.Count(s => s == Present) / _recent.Count;

    /// <summary>Takes one sample; returns true when the state changed with it.</summary>
    public bool Observe(DateTimeOffset at, int faces)
    {
        Faces = faces;
        var seen = faces > 0;
        _recent.Enqueue(seen);
        while (_recent.Count > 2 * _samplesToFlip)
        {
            _recent.Dequeue();
        }

        if (_streak == 0 || seen != _streakValue)
        {
            _streak = 0;
            _streakValue = seen;
            _streakStart = at;
        }

        _streak++;
        if (Present == seen || _streak < _samplesToFlip)
        {
            return false;
        }

        Present = seen;
        Since = _streakStart;
        return true;
    }

    /// <summary>The camera stopped delivering: nothing is known until samples come again.</summary>
    public void Reset()
    {
        Present = null;
        Faces = 0;
        _streak = 0;
        _recent.Clear();
    }
}
