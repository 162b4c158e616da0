namespace Hall.Devices.Gpio;

/// <summary>What an indicator LED shows, in the few patterns our devices use; see <see cref="Led.Show"/>.</summary>
public enum LedMode
{
    Off,
    On,

    /// <summary>A slow blink: waiting (offline, or counter paused).</summary>
    SlowBlink,

    /// <summary>A few fast flashes, then dark: the last request was refused or not answered.</summary>
    ErrorFlash,
}
