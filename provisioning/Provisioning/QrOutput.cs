using QRCoder;

namespace Hall.Provisioning;

/// <summary>
/// A QR code of a text for a device's setup screen or a paper ticket: drawn in the terminal with half blocks (two rows
/// of modules a line, so it stays square and small), or saved as a PNG to print.
/// </summary>
public static class QrOutput
{
    public static string Terminal(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        using var ascii = new AsciiQRCode(data);

        // Dark modules on a light terminal background read as light-on-dark on most terminals: invert so scanners see dark on light.
        return ascii.GetGraphicSmall(drawQuietZones: true, invert: true, endOfLine: "\n");
    }

    /// <summary>Writes the QR code of <paramref name="text"/> to <paramref name="path"/> as a PNG, 8 pixels a module.</summary>
    public static void Png(string text, string path)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        using var png = new PngByteQRCode(data);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllBytes(path, png.GetGraphic(8));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(Hall.Contract.ErrorCodes.InvalidField, $"二维码文件 {path} 写不进去:{ex.Message}");
        }
    }
}
