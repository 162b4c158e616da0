using System.ComponentModel.DataAnnotations;

namespace Hall.Devices.EscPos;

/// <summary>Settings section <c>Ticket</c>: what a printed hall ticket shows and how big.</summary>
public sealed class TicketLayoutOptions
{
    public const string SectionName = "Ticket";

    /// <summary>Printed at the top, e.g. 城关镇便民服务中心.</summary>
    [Required(ErrorMessage = "Ticket:HallName is missing: set the hall's name as it should be printed on tickets (e.g. 城关镇便民服务中心).")]
    public string HallName { get; set; } = string.Empty;

    /// <summary>Printed at the bottom.</summary>
    public string Footer { get; set; } = "请留意叫号，过号请重新取号";

    /// <summary>Printed under the QR code.</summary>
    public string QrCaption { get; set; } = "微信扫码查看排队进度";

    /// <summary>Dots a side of one QR module. 6 gives a code about 2.5 cm wide at 203 dpi.</summary>
    [Range(1, 16)]
    public int QrModuleDots { get; set; } = 6;

    /// <summary>Printable width in dots: 384 for 58 mm paper, 576 for 80 mm.</summary>
    [Range(128, 2048)]
    public int PaperWidthDots { get; set; } = 384;
}
