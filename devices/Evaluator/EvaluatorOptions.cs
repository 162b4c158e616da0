using System.ComponentModel.DataAnnotations;

namespace Hall.Devices.Evaluator;

/// <summary>Settings section <c>Evaluator</c>: the evaluator's counter and which GPIO pin each key and LED is on.</summary>
public sealed class EvaluatorOptions : IValidatableObject
{
    public const string SectionName = "Evaluator";

    /// <summary>
    /// The counter this evaluator stands at, as enrolled (<c>hallctl device enroll --role evaluator --counter 3</c>).
    /// Taken from <c>counter</c> in <c>Box:ProvisioningFile</c> when left empty.
    /// </summary>
    [Required(ErrorMessage = "Evaluator:Counter is missing: set the counter this evaluator stands at, or use the provisioning JSON from enrollment (it carries \"counter\").")]
    [RegularExpression(@"^[A-Za-z0-9_\-\.]+$", ErrorMessage = "Evaluator:Counter may hold only letters, digits, '-', '_' and '.'.")]
    public string Counter { get; set; } = string.Empty;

    /// <summary>非常满意 (5).</summary>
    [Range(0, 1023)]
    public int VerySatisfiedPin { get; set; } = 5;

    /// <summary>满意 (4).</summary>
    [Range(0, 1023)]
    public int SatisfiedPin { get; set; } = 6;

    /// <summary>基本满意 (3).</summary>
    [Range(0, 1023)]
    public int BasicallySatisfiedPin { get; set; } = 13;

    /// <summary>不满意 (2).</summary>
    [Range(0, 1023)]
    public int DissatisfiedPin { get; set; } = 19;

    /// <summary>非常不满意 (1).</summary>
    [Range(0, 1023)]
    public int VeryDissatisfiedPin { get; set; } = 26;

    /// <summary>Key backlight (or a white LED): lit while a rating is asked.</summary>
    [Range(0, 1023)]
    public int ReadyLedPin { get; set; } = 16;

    /// <summary>Green LED: blinks when the box accepted the rating.</summary>
    [Range(0, 1023)]
    public int ThanksLedPin { get; set; } = 20;

    /// <summary>Red LED: fast flashes when the box refused the rating or did not answer.</summary>
    [Range(0, 1023)]
    public int ErrorLedPin { get; set; } = 21;

    /// <summary>True (usual): keys close to GND with the internal pull-up.</summary>
    public bool ButtonsActiveLow { get; set; } = true;

    /// <summary>True when the LEDs are wired from 3V3 to the pin.</summary>
    public bool LedsActiveLow { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:00.500")]
    public TimeSpan DebounceTime { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>How long thanks (green) or an error (red) shows before the evaluator goes dark.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan ResultTime { get; set; } = EvaluatorLogic.DefaultResultTime;

    /// <summary>
    /// The reason code sent with a 不满意 / 非常不满意 rating (the device has no reason keys). It must be in the
    /// hall's reason list on the box.
    /// </summary>
    [Required(ErrorMessage = "Evaluator:UnspecifiedReason is empty: set the reason code sent with a level 1–2 rating (default 未说明).")]
    public string UnspecifiedReason { get; set; } = EvaluatorLogic.DefaultUnspecifiedReason;

    /// <summary>The keys with their levels, highest first.</summary>
    public IReadOnlyList<(int Level, int Pin)> Keys =>
    [
        (5, VerySatisfiedPin),
        (4, SatisfiedPin),
        (3, BasicallySatisfiedPin),
        (2, DissatisfiedPin),
        (1, VeryDissatisfiedPin),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        int[] pins = [.. Keys.Select(k => k.Pin), ReadyLedPin, ThanksLedPin, ErrorLedPin];
        var twice = pins.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            yield return new ValidationResult(
                $"Evaluator pins must all differ; pin {string.Join(", ", twice)} is used more than once. Check the wiring table in the README.",
                [nameof(VerySatisfiedPin)]);
        }
    }
}
