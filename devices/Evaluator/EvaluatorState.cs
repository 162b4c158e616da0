namespace Hall.Devices.Evaluator;

/// <summary>Where the evaluator is in one rating period.</summary>
public enum EvaluatorState
{
    /// <summary>Nothing to rate: all LEDs dark, keys do nothing.</summary>
    Dark,

    /// <summary>The box asked for a rating of a finished service: the keys are lit and take one press.</summary>
    Asking,

    /// <summary>A rating was sent and the box has not answered yet; further presses do nothing.</summary>
    Sending,

    /// <summary>The box accepted the rating: green blinks for a moment, then dark.</summary>
    Thanked,

    /// <summary>The box refused the rating or did not answer: red flashes, then dark.</summary>
    Failed,
}
