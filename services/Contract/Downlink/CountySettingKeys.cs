using System.Globalization;

namespace Hall.Contract.Downlink;

/// <summary>
/// The hall settings the county may set (<see cref="ConfigSettings.Values"/>): the box's own keys, each with the values
/// it takes. Anything else in a bundle is refused, so a typo at the hub never silently does nothing on the box.
/// </summary>
public static class CountySettingKeys
{
    public const string CallbackWorkingDays = "Evaluation:CallbackWorkingDays";
    public const string RectifyWorkingDays = "Evaluation:RectifyWorkingDays";
    public const string RequireRatingBeforeNext = "Evaluation:RequireRatingBeforeNext";

    /// <summary>Each key, its Chinese name and the check of its value (null when the value is good, else what is wrong).</summary>
    public static IReadOnlyDictionary<string, (string Name, Func<string, string?> Check)> All { get; } =
        new Dictionary<string, (string, Func<string, string?>)>(StringComparer.Ordinal)
        {
            [CallbackWorkingDays] = ("差评回访时限(工作日)", v => Int(v, 1, 10)),
            [RectifyWorkingDays] = ("差评整改时限(工作日)", v => Int(v, 1, 60)),
            [RequireRatingBeforeNext] = ("评价后方可叫下一位", Bool),
        };

    private static string? Int(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"须为 {min} 到 {max} 之间的整数");

    private static string? Bool(string value) => value is "true" or "false" ? null : "须为 true 或 false";
}
