using Hall.Devices.Gpio;

namespace Hall.Devices.CallerKeypad;

/// <summary>The two LEDs of the keypad: ready (green) and busy/error (red).</summary>
public sealed record KeypadIndicator(LedMode Ready, LedMode Status);
