using System.ComponentModel.DataAnnotations;

namespace Hall.Devices.TicketKiosk;

/// <summary>One category button: its pin and the category prefix it asks a ticket for.</summary>
public sealed class KioskButtonOptions
{
    [Range(0, 1023)]
    public int Pin { get; set; }

    /// <summary>The category's ticket prefix as the box knows it, e.g. A (公民类) or B (法人类).</summary>
    [Required(ErrorMessage = "Every Kiosk:Buttons entry needs a Category: the prefix of the category it issues (A, B, …).")]
    [RegularExpression(@"^[A-Za-z0-9]{1,8}$", ErrorMessage = "A category prefix is 1 to 8 letters or digits, e.g. A.")]
    public string Category { get; set; } = string.Empty;
}
