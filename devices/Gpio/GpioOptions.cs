namespace Hall.Devices.Gpio;

/// <summary>Settings section <c>Gpio</c>: which GPIO driver a device program uses.</summary>
public sealed class GpioOptions
{
    public const string SectionName = "Gpio";

    /// <summary>
    /// True runs on a <see cref="VirtualGpioDriver"/> instead of the board's pins: for a demo on a PC,
    /// the hall simulator, or a bench test without wiring.
    /// </summary>
    public bool Virtual { get; set; }
}
