namespace Hall.SiteInspection.Rules;

/// <summary>
/// An application whose site is inspected by video: which item, where (the address the watermark must show), and
/// the window in which the filming must happen. <see cref="RectificationOf"/> links a re-filmed upload (online
/// rectification) to the inspection it completes.
/// </summary>
public sealed record InspectionApplication
{
    public required string Id { get; init; }

    public required string ItemCode { get; init; }

    public required string Applicant { get; init; }

    /// <summary>经营地址 as in the application, e.g. 广东省韶关市乐昌市坪石镇人民路18号.</summary>
    public required string Address { get; init; }

    /// <summary>The filming must happen between these (hall-local).</summary>
    public required DateTimeOffset WindowFrom { get; init; }

    public required DateTimeOffset WindowTo { get; init; }

    /// <summary>办件编号 in the approval system, when known.</summary>
    public string? CaseNumber { get; init; }
}
