using System.ComponentModel.DataAnnotations;
using System.IO.Ports;

namespace Hall.Devices.EscPos;

/// <summary>Settings section <c>Printer</c>: where the ticket printer is attached.</summary>
public sealed class SerialPrinterOptions
{
    public const string SectionName = "Printer";

    /// <summary>
    /// A serial port (<c>/dev/ttyS0</c>, <c>/dev/ttyUSB0</c>, <c>COM3</c>) or a USB printer-class device
    /// file (<c>/dev/usb/lp0</c>), which is written as a file.
    /// </summary>
    [Required(ErrorMessage = "Printer:PortName is missing: set the printer's port, e.g. /dev/ttyUSB0 or /dev/usb/lp0.")]
    public string PortName { get; set; } = string.Empty;

    /// <summary>The printer's baud rate (see its self-test slip); 9600 is the factory default of most.</summary>
    [Range(1200, 921600)]
    public int BaudRate { get; set; } = 9600;

    /// <summary>RequestToSend when CTS is wired, so a long QR raster cannot overrun the printer's buffer.</summary>
    public Handshake Handshake { get; set; } = Handshake.None;

    /// <summary>How long a write may block (printer off, paper out with flow control) before it fails.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
