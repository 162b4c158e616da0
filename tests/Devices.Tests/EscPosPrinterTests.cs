using Hall.Devices.EscPos;

namespace Hall.Devices.Tests;

public sealed class EscPosPrinterTests
{
    [Fact]
    public void Initialize_is_ESC_at() => Assert.Equal([0x1B, 0x40], Emit(p => p.Initialize()));

    [Fact]
    public void Cut_is_GS_V_partial() => Assert.Equal([0x1D, 0x56, 0x01], Emit(p => p.Cut()));

    [Fact]
    public void Feed_and_cut_is_GS_V_66_n() => Assert.Equal([0x1D, 0x56, 0x42, 0x03], Emit(p => p.FeedAndCut(3)));

    [Fact]
    public void Bold_on_and_off_is_ESC_E_n()
    {
        Assert.Equal([0x1B, 0x45, 0x01], Emit(p => p.SetBold(true)));
        Assert.Equal([0x1B, 0x45, 0x00], Emit(p => p.SetBold(false)));
    }

    [Fact]
    public void Chinese_mode_is_FS_ampersand_and_FS_dot() =>
        Assert.Equal([0x1C, 0x26, 0x1C, 0x2E], Emit(p =>
        {
            p.SetChineseMode(true);
            p.SetChineseMode(false);
        }));

    [Fact]
    public void Double_size_sets_GS_bang_and_FS_bang() =>
        Assert.Equal([0x1D, 0x21, 0x11, 0x1C, 0x21, 0x0C], Emit(p => p.SetSize(2, 2)));

    [Fact]
    public void Center_alignment_is_ESC_a_1() => Assert.Equal([0x1B, 0x61, 0x01], Emit(p => p.SetAlignment(EscPosAlignment.Center)));

    [Fact]
    public void Chinese_text_is_sent_as_GB18030()
    {
        // 前 C7B0, 面 C3E6, 还 BBB9, 有 D3D0; ASCII stays single-byte.
        Assert.Equal(
            [0xC7, 0xB0, 0xC3, 0xE6, 0xBB, 0xB9, 0xD3, 0xD0, 0x20, 0x33, 0x0A],
            Emit(p => p.PrintLine("前面还有 3")));
    }

    [Fact]
    public void Nothing_reaches_the_port_before_flush()
    {
        using var port = new MemoryStream();
        using var printer = new EscPosPrinter(port, shouldDispose: false);
        printer.Initialize();
        Assert.Equal(0, port.Length);
        printer.Flush();
        Assert.Equal(2, port.Length);
    }

    [Fact]
    public void Printer_disposes_the_stream_only_when_it_owns_it()
    {
        var kept = new MemoryStream();
        new EscPosPrinter(kept, shouldDispose: false).Dispose();
        Assert.True(kept.CanWrite);

        var owned = new MemoryStream();
        new EscPosPrinter(owned).Dispose();
        Assert.False(owned.CanWrite);
    }

    [Fact]
    public void QR_raster_header_matches_module_count_times_scale()
    {
        const string text = "http://192.168.10.2/t/A012";
        const int scale = 5;
        var modules = QrCodeImage.ModuleCount(text);
        var image = QrCodeImage.Render(text, scale);

        var bytes = Emit(p => p.PrintRasterImage(image));

        var side = modules * scale;
        var widthBytes = (side + 7) / 8;
        Assert.Equal([0x1D, 0x76, 0x30, 0x00], bytes[..4]);
        Assert.Equal(widthBytes, bytes[4] | (bytes[5] << 8));
        Assert.Equal(side, bytes[6] | (bytes[7] << 8));
        Assert.Equal(8 + (widthBytes * side), bytes.Length);

        // Quiet zone white; the finder pattern's corner starts 4 modules in.
        Assert.False(image.IsBlack(0, 0));
        Assert.False(image.IsBlack((4 * scale) - 1, (4 * scale) - 1));
        Assert.True(image.IsBlack(4 * scale, 4 * scale));
        Assert.True(image.IsBlack((4 * scale) + scale - 1, (4 * scale) + scale - 1));
    }

    [Fact]
    public void QR_shrinks_to_fit_the_paper()
    {
        const string text = "http://192.168.10.2/t/A012";
        var modules = QrCodeImage.ModuleCount(text);

        var image = QrCodeImage.Render(text, moduleDots: 16, maxWidthDots: 384);

        Assert.True(image.Width <= 384);
        Assert.Equal(0, image.Width % modules);
        Assert.Equal(384 / modules, image.Width / modules);
    }

    private static byte[] Emit(Action<EscPosPrinter> commands)
    {
        using var port = new MemoryStream();
        using (var printer = new EscPosPrinter(port, shouldDispose: false))
        {
            commands(printer);
            printer.Flush();
        }

        return port.ToArray();
    }
}
