namespace Hall.Devices.Evaluator;

/// <summary>The five levels of 好差评, as the keys are labelled.</summary>
public static class RatingLevels
{
    public const int Lowest = 1;
    public const int Highest = 5;

    /// <summary>Levels at or below this are bad reviews: the box requires at least one reason.</summary>
    public const int NeedsReason = 2;

    public static string Name(int level) => level switch
    {
        5 => "非常满意",
        4 => "满意",
        3 => "基本满意",
        2 => "不满意",
        1 => "非常不满意",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "A rating level is 1 to 5."),
    };
}
