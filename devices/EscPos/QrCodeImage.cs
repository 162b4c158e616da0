using QRCoder;

namespace Hall.Devices.EscPos;

/// <summary>Renders a QR code to a printer raster with QRCoder's module matrix; no System.Drawing needed.</summary>
public static class QrCodeImage
{
    /// <summary>The number of modules a side (quiet zone included) QRCoder gives for <paramref name="text"/>.</summary>
    public static int ModuleCount(string text, QRCodeGenerator.ECCLevel eccLevel = QRCodeGenerator.ECCLevel.M)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, eccLevel, forceUtf8: true, utf8BOM: false, QRCodeGenerator.EciMode.Default, requestedVersion: -1);
        return data.ModuleMatrix.Count;
    }

    /// <summary>
    /// The QR code of <paramref name="text"/> with each module <paramref name="moduleDots"/> dots square,
    /// shrunk (never below one dot a module) so it fits <paramref name="maxWidthDots"/>.
    /// The 4-module quiet zone QRCoder adds is kept: scanners need it.
    /// </summary>
    public static RasterImage Render(string text, int moduleDots, int maxWidthDots = int.MaxValue, QRCodeGenerator.ECCLevel eccLevel = QRCodeGenerator.ECCLevel.M)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(moduleDots);
        using var data = QRCodeGenerator.GenerateQrCode(text, eccLevel, forceUtf8: true, utf8BOM: false, QRCodeGenerator.EciMode.Default, requestedVersion: -1);
        var modules = data.ModuleMatrix;
        var scale = Math.Max(1, Math.Min(moduleDots, maxWidthDots / modules.Count));
        return RasterImage.FromModules(modules, scale);
    }
}
