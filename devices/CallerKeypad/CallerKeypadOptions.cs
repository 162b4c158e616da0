using System.ComponentModel.DataAnnotations;

namespace Hall.Devices.CallerKeypad;

/// <summary>Settings section <c>Keypad</c>: which GPIO pin each key and LED is on.</summary>
public sealed class CallerKeypadOptions : IValidatableObject
{
    public const string SectionName = "Keypad";

    [Range(0, 1023)]
    public int NextPin { get; set; } = 5;

    [Range(0, 1023)]
    public int RecallPin { get; set; } = 6;

    [Range(0, 1023)]
    public int SkipPin { get; set; } = 13;

    [Range(0, 1023)]
    public int PauseResumePin { get; set; } = 19;

    [Range(0, 1023)]
    public int FinishPin { get; set; } = 26;

    /// <summary>Green LED: lit when connected and ready, slow blink while the counter is paused.</summary>
    [Range(0, 1023)]
    public int ReadyLedPin { get; set; } = 20;

    /// <summary>Red LED: lit while a command waits for the box, fast flashes when refused, slow blink when offline.</summary>
    [Range(0, 1023)]
    public int StatusLedPin { get; set; } = 21;

    /// <summary>True (usual): keys close to GND with the internal pull-up.</summary>
    public bool ButtonsActiveLow { get; set; } = true;

    /// <summary>True when the LEDs are wired from 3V3 to the pin.</summary>
    public bool LedsActiveLow { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:00.500")]
    public TimeSpan DebounceTime { get; set; } = TimeSpan.FromMilliseconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        int[] pins = [NextPin, RecallPin, SkipPin, PauseResumePin, FinishPin, ReadyLedPin, StatusLedPin];
        var twice = pins.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            yield return new ValidationResult(
                $"Keypad pins must all differ; pin {string.Join(", ", twice)} is used more than once. Check the wiring table in the README.",
                [nameof(NextPin)]);
        }
    }
}
