using System.Text;

namespace Hall.Devices.EscPos;

/// <summary>
/// An ESC/POS receipt printer behind a byte stream: a serial port's <c>BaseStream</c>, a USB printer
/// device file, or a <see cref="MemoryStream"/> in tests. Commands are collected and sent on
/// <see cref="Flush"/>, so a ticket leaves in one write.
/// </summary>
/// <remarks>Text is encoded as GB18030, which the Chinese-mode (FS &amp;) firmware of these printers reads.</remarks>
public sealed class EscPosPrinter : IDisposable
{
    private const byte Esc = 0x1B;
    private const byte Gs = 0x1D;
    private const byte Fs = 0x1C;
    private const byte Lf = 0x0A;

    private readonly Stream _stream;
    private readonly bool _shouldDispose;
    private readonly MemoryStream _pending = new();
    private bool _disposed;

    /// <param name="stream">Where the bytes go.</param>
    /// <param name="shouldDispose">Whether disposing the printer disposes the stream.</param>
    public EscPosPrinter(Stream stream, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _shouldDispose = shouldDispose;
    }

    /// <summary>GB18030 (code page 54936), taken from the code-pages provider without registering it globally.</summary>
    public static Encoding ChineseEncoding { get; } = CodePagesEncodingProvider.Instance.GetEncoding(54936)
        ?? throw new PlatformNotSupportedException("GB18030 (code page 54936) is not available on this runtime.");

    /// <summary>ESC @: clears the print buffer and resets every mode to the power-on default.</summary>
    public void Initialize() => Append(Esc, (byte)'@');

    /// <summary>FS &amp; selects Chinese (double-byte) character mode; FS . leaves it.</summary>
    public void SetChineseMode(bool on) => Append(Fs, on ? (byte)'&' : (byte)'.');

    /// <summary>ESC E n: emphasized (bold) on or off.</summary>
    public void SetBold(bool on) => Append(Esc, (byte)'E', on ? (byte)1 : (byte)0);

    /// <summary>
    /// Character size, 1 to 8 times in each direction: GS ! for single-byte characters, and FS ! (double width
    /// and height bits) for Chinese characters, which some firmwares size separately.
    /// </summary>
    public void SetSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8);
        Append(Gs, (byte)'!', (byte)(((width - 1) << 4) | (height - 1)));
        Append(Fs, (byte)'!', (byte)((width > 1 ? 0x04 : 0) | (height > 1 ? 0x08 : 0)));
    }

    /// <summary>ESC a n: alignment of the lines that follow.</summary>
    public void SetAlignment(EscPosAlignment alignment) => Append(Esc, (byte)'a', (byte)alignment);

    /// <summary>Text in GB18030, no line feed.</summary>
    public void Print(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _pending.Write(ChineseEncoding.GetBytes(text));
    }

    /// <summary>Text in GB18030, then LF.</summary>
    public void PrintLine(string text = "")
    {
        Print(text);
        Append(Lf);
    }

    /// <summary>LF: prints the buffer and feeds one line.</summary>
    public void LineFeed() => Append(Lf);

    /// <summary>ESC d n: prints the buffer and feeds <paramref name="lines"/> lines.</summary>
    public void FeedLines(byte lines) => Append(Esc, (byte)'d', lines);

    /// <summary>GS V 1: partial cut where the paper is now.</summary>
    public void Cut() => Append(Gs, (byte)'V', 1);

    /// <summary>
    /// GS V 66 n: feeds to the cutter plus <paramref name="extraFeed"/> motion units, then a partial cut,
    /// so the last line is not cut off whatever the head-to-cutter distance of the model.
    /// </summary>
    public void FeedAndCut(byte extraFeed = 0) => Append(Gs, (byte)'V', 66, extraFeed);

    /// <summary>GS v 0 m xL xH yL yH d…: a raster bit image at normal density.</summary>
    public void PrintRasterImage(RasterImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.WidthBytes > 0xFFFF || image.Height > 0xFFFF)
        {
            throw new ArgumentException("The image is too large for GS v 0.", nameof(image));
        }

        Append(
            Gs,
            (byte)'v',
            (byte)'0',
            0,
            (byte)(image.WidthBytes & 0xFF),
            (byte)(image.WidthBytes >> 8),
            (byte)(image.Height & 0xFF),
            (byte)(image.Height >> 8));
        _pending.Write(image.Data);
    }

    /// <summary>Raw bytes, for a command this class lacks.</summary>
    public void Write(ReadOnlySpan<byte> bytes) => _pending.Write(bytes);

    /// <summary>Sends what was collected to the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
        _stream.Flush();
        _pending.SetLength(0);
    }

    /// <summary>Sends what was collected to the stream.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _stream.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        _pending.SetLength(0);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pending.Dispose();
        if (_shouldDispose)
        {
            _stream.Dispose();
        }
    }

    private void Append(params ReadOnlySpan<byte> bytes) => _pending.Write(bytes);
}
