using Hall.Contract;

namespace Hall.FirmwareHost.Rating;

/// <summary>
/// The counter's tablet page for 好差评 (<c>/evaluate/{counter}</c>), for halls without the evaluator device.
/// Dark until the box asks for a rating on <c>counter/{c}/evaluate</c> (live feed), then the ticket, the staff
/// member, five levels and reasons for 不满意 / 非常不满意; dark again after the rating or when the window closes.
/// </summary>
/// <remarks>
/// The window is timed from the message's own <c>until − ts</c>, so a tablet with a wrong clock still closes on time.
/// Element ids for tests: <c>counter</c>, <c>rate-ticket</c>, <c>rate-staff</c>, <c>rate-item</c>, <c>countdown</c>,
/// <c>level-1</c> … <c>level-5</c>, <c>reason-box</c>, <c>reasons</c> (buttons <c>data-code</c>), <c>comment</c>,
/// <c>submit</c>, <c>form-error</c>, <c>result</c>; <c>data-state</c> on <c>&lt;body&gt;</c> is <c>dark</c>,
/// <c>asking</c>, <c>sending</c>, <c>thanked</c> or <c>failed</c>.
/// </remarks>
public static class TabletPage
{
    /// <summary>tablet.html, .css and .js, with the choices of rating-form.html (shared with the QR rating page).</summary>
    public static string Html { get; } = PageFiles.Load(typeof(TabletPage).Assembly, "tablet.html");
}
