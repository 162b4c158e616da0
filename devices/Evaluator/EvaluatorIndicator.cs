using Hall.Devices.Gpio;

namespace Hall.Devices.Evaluator;

/// <summary>
/// The evaluator's three LEDs: <paramref name="Ready"/> (the key backlight, lit while a rating is asked),
/// <paramref name="Thanks"/> (green) and <paramref name="Error"/> (red).
/// </summary>
public sealed record EvaluatorIndicator(LedMode Ready, LedMode Thanks, LedMode Error)
{
    public static readonly EvaluatorIndicator Dark = new(LedMode.Off, LedMode.Off, LedMode.Off);

    public static EvaluatorIndicator For(EvaluatorState state) => state switch
    {
        EvaluatorState.Dark => Dark,
        EvaluatorState.Asking or EvaluatorState.Sending => new(LedMode.On, LedMode.Off, LedMode.Off),
        EvaluatorState.Thanked => new(LedMode.Off, LedMode.SlowBlink, LedMode.Off),
        EvaluatorState.Failed => new(LedMode.Off, LedMode.Off, LedMode.ErrorFlash),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
