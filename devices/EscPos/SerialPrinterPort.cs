using System.IO.Ports;

namespace Hall.Devices.EscPos;

/// <summary>
/// Opens the ticket printer's port from <see cref="SerialPrinterOptions"/> and owns it:
/// a <see cref="SerialPort"/> (8N1) for a TTL, RS-232 or USB-serial printer, or a file stream for a
/// USB printer-class device (<c>/dev/usb/lp*</c>).
/// </summary>
public sealed class SerialPrinterPort : IDisposable
{
    private readonly SerialPort? _serialPort;
    private readonly Stream _stream;

    private SerialPrinterPort(SerialPort? serialPort, Stream stream)
    {
        _serialPort = serialPort;
        _stream = stream;
    }

    /// <summary>The byte stream to hand to <see cref="EscPosPrinter"/> (with <c>shouldDispose: false</c>).</summary>
    public Stream Stream => _stream;

    public string PortName => _serialPort?.PortName ?? ((FileStream)_stream).Name;

    /// <summary>Opens the port; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    public static SerialPrinterPort Open(SerialPrinterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.PortName);

        if (options.PortName.StartsWith("/dev/usb/lp", StringComparison.Ordinal))
        {
            var file = new FileStream(options.PortName, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            return new SerialPrinterPort(null, file);
        }

        var port = new SerialPort(options.PortName, options.BaudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = options.Handshake,
            WriteTimeout = (int)options.WriteTimeout.TotalMilliseconds,
        };
        try
        {
            port.Open();
            return new SerialPrinterPort(port, port.BaseStream);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_serialPort is not null)
        {
            _serialPort.Dispose();
        }
        else
        {
            _stream.Dispose();
        }
    }
}
