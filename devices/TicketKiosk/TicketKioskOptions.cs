using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hall.Devices.TicketKiosk;

/// <summary>Settings section <c>Kiosk</c>: the category buttons and the LEDs.</summary>
public sealed class TicketKioskOptions : IValidatableObject
{
    public const string SectionName = "Kiosk";

    /// <summary>One entry per category button.</summary>
    [MinLength(1, ErrorMessage = "Kiosk:Buttons is empty: add one {\"Pin\": …, \"Category\": \"A\"} per category button.")]
    [ValidateEnumeratedItems]
    public List<KioskButtonOptions> Buttons { get; set; } = [];

    /// <summary>Green LED: lit when connected; slow blink when offline.</summary>
    [Range(0, 1023)]
    public int ReadyLedPin { get; set; } = 20;

    /// <summary>Red LED: lit while printing, fast flashes when no ticket could be issued or printed.</summary>
    [Range(0, 1023)]
    public int ErrorLedPin { get; set; } = 21;

    public bool ButtonsActiveLow { get; set; } = true;

    public bool LedsActiveLow { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:00.500")]
    public TimeSpan DebounceTime { get; set; } = TimeSpan.FromMilliseconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var pins = Buttons.Select(b => b.Pin).Append(ReadyLedPin).Append(ErrorLedPin);
        var twice = pins.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            yield return new ValidationResult(
                $"Kiosk pins must all differ; pin {string.Join(", ", twice)} is used more than once. Check the wiring table in the README.",
                [nameof(Buttons)]);
        }
    }
}
