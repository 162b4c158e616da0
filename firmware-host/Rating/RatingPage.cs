using Hall.Contract;

namespace Hall.FirmwareHost.Rating;

/// <summary>
/// The phone page a ticket's QR code leads to for 好差评 (<c>/rate/{ticketNo}?k=…</c>): five big levels, reasons
/// for 不满意 / 非常不满意, one rating per service. In Chinese, no outside scripts or fonts.
/// </summary>
/// <remarks>
/// Element ids for tests: <c>ticket-no</c>, <c>level-1</c> … <c>level-5</c>, <c>reason-box</c>, <c>reasons</c>
/// (buttons <c>data-code</c>), <c>comment</c>, <c>submit</c>, <c>form-error</c>, <c>result</c>; <c>data-state</c> on
/// <c>&lt;body&gt;</c> is <c>form</c>, <c>sending</c>, <c>thanked</c> or <c>rated</c>.
/// </remarks>
public static class RatingPage
{
    /// <summary>For a ticket that is not today's or a link without its key (a 404).</summary>
    public static string Expired { get; } = Load("rating-expired.html");

    /// <summary>rating.html, .css and .js, with the choices of rating-form.html (shared with the tablet page).</summary>
    public static string Html { get; } = Load("rating.html");

    private static string Load(string name) => PageFiles.Load(typeof(RatingPage).Assembly, name);
}
